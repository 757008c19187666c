"""Names that make the demo chain look real: people, phones, stores, products.

The tables are plain text (one record a line, ``|`` between fields) so they
read like a spreadsheet; the pickers take the caller's ``random.Random``, so
the generator stays deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from itertools import accumulate


def parse_table(text: str) -> list[list[str]]:
    """Rows of a ``|``-separated text table; blank lines are skipped, fields stripped."""
    return [
        [f.strip() for f in line.split("|")] for line in text.strip().splitlines() if line.strip()
    ]


def optional_field(field: str) -> str | None:
    """A table field, ``None`` for ``-``."""
    return None if field == "-" else field


def field_words(field: str) -> tuple[str, ...]:
    """A table field's space-separated words, ``()`` for ``-``."""
    return () if field == "-" else tuple(field.split())


# --------------------------------------------------------------------------- people

#: Common surnames with rough weights (per 1,000 people, census order).
_SURNAME_WEIGHTS = """
王70 李70 张66 刘54 陈45 杨31 黄24 赵20 吴20 周19 徐14 孙13 马12 朱11 胡10 郭10 何9 林9 高9
罗8 郑8 梁7 谢6 宋6 唐6 许5 韩5 冯5 邓5 曹5 彭5 曾4 肖4 田4 董4 袁4 潘4 于4 蒋4 蔡4 余3 杜3
叶3 程3 苏3 魏3 吕3 丁3 任3 沈3 姚2 卢2 姜2 崔2 钟2 谭2 陆2 汪2 范2 金2 石2 廖2 贾2 夏2 韦2
付2 方2 白2 邹2 孟2 熊2 秦2 邱2 江2 尹2 薛2 欧阳1 上官1 司马1
"""
_SURNAME_PAIRS = re.findall(r"(\D+?)(\d+)", _SURNAME_WEIGHTS.replace("\n", " ").replace(" ", ""))
SURNAMES = tuple(name for name, _ in _SURNAME_PAIRS)
_SURNAME_CUM = list(accumulate(int(weight) for _, weight in _SURNAME_PAIRS))

_GIVEN_FEMALE = "婷静敏丽娜芳燕秀霞玲娟颖雪琳欣怡佳慧晓悦雯倩丹萍梅莉璐瑶蕾岚洁妍菲月茜诗蓉薇琪楠曦"
_GIVEN_MALE = "伟强磊军勇杰涛斌超明刚辉鹏浩宇峰俊凯博文华建志龙翔晨旭阳亮平鑫宁东昊然哲"
_GIVEN_SHARED = "子晓思雨嘉一若可家安梓语欣心"
_REMARK_TRAITS_F = "敏感肌 干皮 油皮 宝妈 孕期 VIP 老客 熟客 上班族 学生".split()
_REMARK_TRAITS_M = "宝爸 送礼 VIP 老客 帮太太买 上班族".split()


def surname(rng: random.Random) -> str:
    """A surname drawn with realistic frequency (王李张 common, 欧阳 rare)."""
    return rng.choices(SURNAMES, cum_weights=_SURNAME_CUM)[0]


def given_name(rng: random.Random, female: bool) -> str:
    """One or two characters; two-character names are the majority since the 1980s."""
    pool = _GIVEN_FEMALE if female else _GIVEN_MALE
    if rng.random() < 0.25:
        return rng.choice(pool)
    return rng.choice(pool + _GIVEN_SHARED) + rng.choice(pool)


def person_name(rng: random.Random, female: bool) -> tuple[str, str]:
    """(surname, full name)."""
    family = surname(rng)
    return family, family + given_name(rng, female)


def remark_name(rng: random.Random, family: str, female: bool, age: int) -> str:
    """How a guide files a customer in WeCom: ``王姐-敏感肌``, ``李先生(宝爸)``."""
    if female:
        call = f"{family}阿姨" if age >= 50 else f"{family}姐" if age >= 28 else f"{family}小姐"
        trait = rng.choice(_REMARK_TRAITS_F)
    else:
        call = f"{family}先生" if age >= 25 else f"小{family}"
        trait = rng.choice(_REMARK_TRAITS_M)
    return f"{call}-{trait}" if rng.random() < 0.6 else f"{call}({trait})"


def staff_name(rng: random.Random) -> str:
    """Store staff are mostly women in beauty retail."""
    return person_name(rng, rng.random() < 0.85)[1]


# --------------------------------------------------------------------------- phones

#: Mainland mobile prefixes (China Mobile, Unicom, Telecom, virtual operators).
PHONE_PREFIXES = tuple(
    """130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166
    170 171 172 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 195 198 199""".split()
)


def mobile(rng: random.Random, taken: set[int], suffix: str = "", avoid_suffix: str = "") -> str:
    """A valid mobile number not in ``taken`` (which it then joins).

    ``suffix`` fixes the last digits; ``avoid_suffix`` keeps a suffix reserved
    for one known customer (so searching ``1234`` finds exactly 张三).
    """
    if avoid_suffix and suffix.endswith(avoid_suffix):
        raise ValueError(f"suffix {suffix!r} always ends in the avoided {avoid_suffix!r}")
    body_len = 8 - len(suffix)
    while True:
        digits = str(rng.randrange(10**body_len)).zfill(body_len) if body_len else ""
        number = rng.choice(PHONE_PREFIXES) + digits + suffix
        if avoid_suffix and number.endswith(avoid_suffix):
            continue
        if int(number) not in taken:
            taken.add(int(number))
            return number


# --------------------------------------------------------------------------- stores


@dataclass(frozen=True)
class City:
    name: str
    region: str
    districts: tuple[str, ...]
    roads: tuple[str, ...]


REGIONS = ("华东", "华南", "华北", "西南", "华中", "西北", "东北")

#: city | region | districts | roads
_CITIES = """
上海 | 华东 | 静安区 徐汇区 浦东新区 长宁区 闵行区 | 南京西路 淮海中路 世纪大道 虹桥路
杭州 | 华东 | 上城区 西湖区 拱墅区 滨江区 | 延安路 文三路 湖滨路 江南大道
南京 | 华东 | 玄武区 秦淮区 鼓楼区 建邺区 | 中山路 新街口大街 江东中路
苏州 | 华东 | 姑苏区 工业园区 吴中区 | 观前街 苏州大道东 石路
宁波 | 华东 | 海曙区 鄞州区 江北区 | 中山西路 天童南路 人民路
合肥 | 华东 | 蜀山区 包河区 庐阳区 | 长江西路 马鞍山路 淮河路
广州 | 华南 | 天河区 越秀区 海珠区 番禺区 | 天河路 北京路 江南大道中
深圳 | 华南 | 福田区 南山区 罗湖区 宝安区 | 深南大道 科技园路 东门中路
厦门 | 华南 | 思明区 湖里区 | 中山路 嘉禾路 湖滨南路
福州 | 华南 | 鼓楼区 台江区 仓山区 | 五四路 八一七中路
北京 | 华北 | 朝阳区 海淀区 东城区 西城区 | 建国路 中关村大街 王府井大街 西单北大街
天津 | 华北 | 和平区 南开区 河西区 | 滨江道 南京路 友谊路
石家庄 | 华北 | 长安区 桥西区 | 中山东路 中华北大街
济南 | 华北 | 历下区 市中区 | 泉城路 经十路
青岛 | 华北 | 市南区 崂山区 | 香港中路 台东三路
成都 | 西南 | 锦江区 武侯区 高新区 | 春熙路 人民南路 天府大道
重庆 | 西南 | 渝中区 江北区 南岸区 | 解放碑步行街 观音桥步行街 南坪正街
昆明 | 西南 | 五华区 盘龙区 | 正义路 北京路
贵阳 | 西南 | 云岩区 南明区 | 中华北路 遵义路
武汉 | 华中 | 江汉区 武昌区 洪山区 | 江汉路 中南路 珞喻路
长沙 | 华中 | 芙蓉区 天心区 岳麓区 | 五一大道 黄兴中路 麓山南路
郑州 | 华中 | 金水区 二七区 | 花园路 二七路
西安 | 西北 | 雁塔区 碑林区 未央区 | 小寨东路 东大街 凤城八路
兰州 | 西北 | 城关区 七里河区 | 东方红广场 西津西路
沈阳 | 东北 | 和平区 沈河区 | 太原街 中街路
大连 | 东北 | 中山区 沙河口区 | 天津街 西安路
哈尔滨 | 东北 | 道里区 南岗区 | 中央大街 西大直街
"""
CITIES = tuple(
    City(name, region, tuple(districts.split()), tuple(roads.split()))
    for name, region, districts, roads in parse_table(_CITIES)
)

#: Malls and department stores a beauty chain opens counters in.
MALLS = tuple(
    """万达广场 银泰百货 大悦城 万象城 龙湖天街 印象城 吾悦广场 来福士 凯德广场 太古里 恒隆广场
    新世界百货 百盛 久光百货 世纪金花 王府井百货 天虹 万科广场 K11 大融城""".split()
)

#: The flagships: store name | city | district | street address
_FLAGSHIPS = parse_table("""
上海静安嘉里店 | 上海 | 静安区 | 南京西路1515号嘉里中心B1层
杭州湖滨银泰店 | 杭州 | 上城区 | 延安路258号湖滨银泰in77 C区2层
北京三里屯太古里店 | 北京 | 朝阳区 | 三里屯路19号太古里南区S2-12
广州天河正佳店 | 广州 | 天河区 | 天河路228号正佳广场1层
深圳福田COCO Park店 | 深圳 | 福田区 | 福华三路268号COCO Park B1层
成都春熙路IFS店 | 成都 | 锦江区 | 红星路三段1号IFS国际金融中心L3
""")


@dataclass(frozen=True)
class StoreSite:
    name: str
    city: str
    region: str
    address: str


def store_site(index: int, rng: random.Random) -> StoreSite:
    """The ``index``-th store of the chain: a few flagships, then city × mall (× branch)."""
    by_name = {c.name: c for c in CITIES}
    if index < len(_FLAGSHIPS):
        name, city, district, street = _FLAGSHIPS[index]
        return StoreSite(name, city, by_name[city].region, f"{city}市{district}{street}")
    n = index - len(_FLAGSHIPS)
    city = CITIES[n % len(CITIES)]
    mall = MALLS[(n // len(CITIES)) % len(MALLS)]
    branch = n // (len(CITIES) * len(MALLS))
    district = rng.choice(city.districts)
    name = f"{city.name}{district[:-1] if len(district) > 2 else district}{mall}"
    name += f"{branch + 1}店" if branch else "店"
    address = (
        f"{city.name}市{district}{rng.choice(city.roads)}{rng.randint(1, 999)}号"
        f"{mall}{rng.choice(('B1', 'L1', 'L2', 'L3'))}层{rng.randint(1, 60):02d}号"
    )
    return StoreSite(name, city.name, city.region, address)


# --------------------------------------------------------------------------- products


@dataclass(frozen=True)
class Product:
    sku: str  # EAN-13 barcode, what the scanner at the counter reads
    name: str
    category: str
    price_cents: int


#: category | brands (house brands; the catalogue is every line under each brand)
_BRANDS = {
    category: brands.split()
    for category, brands in parse_table("""
护肤 | 雪颜 植初 澜泉 肌源 研白
彩妆 | 绯色 浮光 MUSE沐 桃夭
香水 | 木与岛 拾光 雾屿
母婴 | 贝护 小橡果 暖芽
个护 | 清沐 素研 觅香
""")
}
CATEGORIES = tuple(_BRANDS)

#: category | product | size | list price in yuan (brand tiers vary it)
_LINES = parse_table("""
护肤 | 玻尿酸保湿精华液 | 30ml | 268
护肤 | 烟酰胺亮肤精华 | 30ml | 298
护肤 | 积雪草修护面霜 | 50g | 238
护肤 | 氨基酸洁面乳 | 120g | 89
护肤 | 神经酰胺舒缓爽肤水 | 200ml | 159
护肤 | 视黄醇抗老晚霜 | 50g | 368
护肤 | 清透防晒乳 SPF50+ | 50ml | 179
护肤 | 眼部紧致精华霜 | 15g | 288
护肤 | 补水修护面膜 | 5片装 | 99
护肤 | 卸妆油 | 200ml | 139
护肤 | 控油祛痘精华 | 20ml | 198
护肤 | 水光乳液 | 120ml | 169
护肤 | 护肤体验装礼盒 | 6件套 | 399
护肤 | 二裂酵母精华水 | 150ml | 299
护肤 | 洁面慕斯 | 150ml | 109
彩妆 | 丝绒雾面口红 | 3.5g | 169
彩妆 | 水光唇釉 | 4ml | 139
彩妆 | 持妆粉底液 | 30ml | 259
彩妆 | 气垫BB霜 | 15g*2 | 229
彩妆 | 四色眼影盘 | 6g | 189
彩妆 | 防水眉笔 | 0.3g | 69
彩妆 | 纤长睫毛膏 | 8g | 129
彩妆 | 定妆散粉 | 10g | 159
彩妆 | 腮红 | 5g | 119
彩妆 | 遮瑕膏 | 4g | 109
香水 | 白茶淡香水 | 50ml | 459
香水 | 玫瑰浓香水 | 50ml | 599
香水 | 雪松木质香水 | 100ml | 799
香水 | 香水小样套装 | 5ml*4 | 199
母婴 | 婴儿润肤乳 | 200ml | 98
母婴 | 宝宝洗发沐浴二合一 | 300ml | 79
母婴 | 孕妇妊娠纹按摩油 | 100ml | 268
母婴 | 婴儿护臀膏 | 50g | 59
母婴 | 儿童防晒乳 SPF30 | 60ml | 119
母婴 | 婴儿湿巾 | 80抽*6包 | 49
母婴 | 哺乳期修护唇膏 | 4g | 39
母婴 | 新生儿礼盒 | 8件套 | 358
个护 | 氨基酸洗发水 | 500ml | 79
个护 | 护发精油 | 100ml | 129
个护 | 香氛沐浴露 | 500ml | 69
个护 | 身体乳 | 250ml | 99
个护 | 护手霜套装 | 30g*3 | 89
个护 | 牙膏 | 120g*2 | 39
个护 | 磨砂膏 | 200g | 109
个护 | 漱口水 | 500ml | 45
""")
_TIER_FACTORS = (1.0, 1.3, 0.8, 1.6, 1.1)


def _ean13(body12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)


def product_catalogue() -> tuple[Product, ...]:
    """About 175 SKUs: every line under each brand of its category, EAN-13 barcodes."""
    products: list[Product] = []
    for line_no, (category, product, size, price) in enumerate(_LINES):
        for tier, brand in enumerate(_BRANDS[category]):
            cents = int(round(int(price) * _TIER_FACTORS[tier])) * 100 - (100 if tier == 2 else 0)
            sku = _ean13(f"6920{CATEGORIES.index(category)}{line_no:03d}{tier:04d}")
            products.append(Product(sku, f"{brand} {product} {size}", category, max(cents, 900)))
    return tuple(products)
