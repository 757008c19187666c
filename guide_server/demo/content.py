"""What HQ publishes in the demo chain, and the rows made from it.

The tables are plain text (one record a line, ``|`` between fields, ``-`` for
none) so a product person can edit scripts, materials and tasks without
touching code. Keys tie scripts, materials and tasks (``tasks``) together and
seed their deterministic ids. The row builders below turn them into wire rows
(``protocol.ENTITY_DATA`` shapes) for the chain being generated.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from guide_server.demo.assets import asset_by_name, poster_layout
from guide_server.demo.clock import DAY
from guide_server.demo.names import field_words, optional_field, parse_table

if TYPE_CHECKING:
    from guide_server.demo.chain import Chain


def _colored(token: str) -> tuple[str, str]:
    """``干性#F4A261`` → ``("干性", "#F4A261")``."""
    name, _, color = token.partition("#")
    return name, f"#{color}"


# --------------------------------------------------------------------------- tags

#: name | choice | roles that may see it (- = everyone) | tag#colour …  (HQ scope)
_TAG_GROUPS = """
肤质 | single | - | 干性#F4A261 油性#2A9D8F 混合#E9C46A 敏感#E76F51
宝宝月龄 | single | - | 孕期#FFB4C8 0-6月#FFD6A5 6-12月#CAFFBF 1-3岁#9BF6FF
消费偏好 | multi | - | 护肤#8ECAE6 彩妆#FB8500 香水#B5838D 母婴#FFAFCC 个护#90BE6D
来源渠道 | multi | - | 门店扫码#577590 企微活码#43AA8B 直播间#F94144 老带新#F8961E 天猫会员通#FF0036
兴趣 | multi | - | 瑜伽#A7C957 旅行#4EA8DE 美食#F9844A 健身#6A4C93 宠物#CDB4DB
会员意向 | single | - | 高意向#D62828 观望#FCBF49 价格敏感#003049
风险标记 | multi | supervisor hq | 投诉风险#9D0208 疑似代购#6C757D
"""
TAG_GROUPS = tuple(
    (name, choice, field_words(roles), tuple(_colored(t) for t in tags.split()))
    for name, choice, roles, tags in parse_table(_TAG_GROUPS)
)
#: One store-scope group per store (2–3 of these tags each).
STORE_TAG_GROUP = (
    "本店活动",
    "multi",
    (("周末沙龙", "#06D6A0"), ("新品试用", "#118AB2"), ("会员日到店", "#EF476F")),
)
#: Where customers came from (also the customer's ``source_channel``), with weights.
SOURCE_CHANNELS = (
    ("门店扫码", 40),
    ("企微活码", 25),
    ("直播间", 10),
    ("老带新", 12),
    ("天猫会员通", 13),
)

# --------------------------------------------------------------------------- sensitive words

#: severity | words
_SENSITIVE = """
block | 最便宜 全网最低 全网最低价 100%有效 根治 国家级 第一品牌 微信转账 加我私人微信 私下交易 刷单 药妆 医用级 零风险 无副作用 史无前例
warn | 最佳 返现 祛斑 美白 永久 特效 立竿见影 纯天然 绝对 唯一 顶级 假一赔十 代购 内部价 清仓甩卖
"""
SENSITIVE_WORDS = tuple(
    (word, severity) for severity, words in parse_table(_SENSITIVE) for word in words.split()
)

# --------------------------------------------------------------------------- scripts

#: key | name | parent key
_SCRIPT_GROUPS = """
opening | 开场白 | -
new | 新品推荐 | -
new_skin | 护肤新品 | new
new_makeup | 彩妆新品 | new
aftersales | 售后安抚 | -
birthday | 生日祝福 | -
winback | 沉睡召回 | -
events | 活动邀约 | -
events_1111 | 双11大促 | events
events_memberday | 会员日 | events
community | 社群运营 | -
care | 使用关怀 | -
"""
SCRIPT_GROUPS = tuple(
    (key, name, optional_field(parent)) for key, name, parent in parse_table(_SCRIPT_GROUPS)
)

#: group key | title | keywords | material key sent after the body | body
_SCRIPTS = """
opening | 首次添加问候 | 加好友 问候 | - | {称呼}您好，我是{门店}的导购{导购}，很高兴认识您！以后护肤、彩妆上有任何问题都可以随时问我哦～
opening | 扫码入会欢迎 | 入会 新人 | mp_member | 欢迎{姓名}成为我们的会员！新人专享礼已经放进您的账户，下次到{门店}出示会员码即可领取～
opening | 到店后回访 | 回访 到店 | - | {称呼}，今天在{门店}试的产品感觉怎么样？肤感有不适应的地方随时告诉{导购}哈。
opening | 直播间引流问候 | 直播 问候 | - | {称呼}好呀，看到您是从直播间过来的，直播间的优惠我这边也能帮您同步申请哦。
opening | 老带新欢迎 | 老带新 小样 | - | {称呼}您好，您的朋友推荐您来找我～我是{导购}，给您准备了一份老带新专属小样，方便的时候来{门店}领取吧。
opening | 节假日问候 | 节日 问候 | - | {称呼}节日快乐！{门店}全体小伙伴祝您和家人平安喜乐～
new_skin | 玻尿酸精华上新 | 精华 保湿 新品 | img_serum | {称呼}，我们家新出的玻尿酸保湿精华到货啦，质地很清爽，特别适合换季干燥的时候用，给您留了一份试用装～
new_skin | 修护面霜推荐 | 面霜 修护 敏感肌 | img_cream | {称呼}，最近天气转凉，积雪草修护面霜口碑很好，敏感肌也能放心用，要不要来{门店}试试？
new_skin | 防晒新品 | 防晒 新品 | img_sunscreen | {称呼}，新款清透防晒乳上市了，SPF50+ 不油腻，通勤户外都合适～
new_skin | 抗老晚霜推荐 | 抗老 晚霜 | - | {称呼}，您上次买的{上次购买}用得怎么样？想进阶抗老的话，视黄醇晚霜可以搭配着用，建议从隔天一次开始建立耐受。
new_skin | 面膜囤货提醒 | 面膜 补水 | - | {称呼}，补水面膜这周有买二送一，您之前说经常熬夜，可以囤一些备着～
new_skin | 试用装领取 | 试用 小样 | - | {称呼}，新品试用装已经给您留好了，本周内到{门店}报姓名就可以领取哦。
new_makeup | 秋冬口红色号 | 口红 试色 | poster_lipstick | {称呼}，秋冬新色口红到了，丝绒雾面质地，有几个色号特别衬皮肤，{导购}给您拍了试色图～
new_makeup | 粉底液匹配 | 粉底 试妆 | - | {称呼}，持妆粉底液出了新色号，您的肤色我帮您比对过，建议选自然色，来店里可以免费试妆。
new_makeup | 眼影盘上新 | 眼影 限定 | - | {称呼}，限定四色眼影盘到货啦，日常通勤和约会妆都能画，数量不多哦。
new_makeup | 彩妆课邀约 | 彩妆课 邀约 | - | {称呼}，本周六下午{门店}有一节免费彩妆小课，教日常快速出门妆，要帮您预留位置吗？
aftersales | 物流延迟致歉 | 物流 致歉 | - | {称呼}，非常抱歉您的订单物流有些延迟，我已经帮您催促快递，有更新第一时间告诉您。
aftersales | 过敏反馈安抚 | 过敏 退换 | - | {称呼}，先别着急，建议您先暂停使用，用清水洗净，我马上帮您登记反馈，门店也可以为您办理退换。
aftersales | 退换货说明 | 退货 换货 | file_return | {称呼}，未拆封的商品7天内可以在{门店}或线上申请退换，我把流程发给您～
aftersales | 破损补发 | 破损 补发 | - | {称呼}，收到的商品有破损真的很抱歉！麻烦拍张照片给我，我这边立刻为您安排补发。
aftersales | 使用方法指导 | 用法 指导 | - | {称呼}，{上次购买}建议洁面后取适量，由内向外轻轻按压至吸收，早晚各一次效果更好哦。
aftersales | 差评挽回 | 差评 挽回 | - | {称呼}，看到您的反馈了，是我们做得不够好。{导购}想当面了解一下情况，给您一个满意的处理方案。
birthday | 生日当天祝福 | 生日 祝福 | poster_birthday | {称呼}，今天是您的生日，{门店}全体祝您生日快乐！生日礼已放入会员账户，本月内到店领取～
birthday | 生日月提醒 | 生日月 积分 | - | {称呼}，您的生日在{生日}，生日月到店消费可享双倍积分，还有专属礼盒哦。
birthday | 生日礼领取提醒 | 生日礼 提醒 | - | {称呼}，您的生日礼还没有领取，本月底前都可以到{门店}找{导购}领哦～
birthday | 宝宝生日祝福 | 宝宝 生日 | - | {称呼}，宝宝生日快乐！给小宝贝准备了一份成长礼，方便时来{门店}领取～
birthday | 会员周年 | 周年 会员 | - | {称呼}，今天是您成为我们会员的纪念日，感谢一路陪伴，送您一张周年专属券。
winback | 好久不见 | 沉睡 回购 | - | {称呼}，好久没见到您啦！您上次买的{上次购买}应该快用完了吧，最近到店有回购礼哦～
winback | 专属回归券 | 回归券 优惠 | mp_coupon | {称呼}，给您申请了一张老会员回归券，满300减50，本月有效，{导购}等您来～
winback | 换季护肤提醒 | 换季 皮肤检测 | - | {称呼}，换季了皮肤容易干痒，可以来{门店}做一次免费皮肤检测，帮您调整护肤方案。
winback | 新品体验邀请 | 体验 邀约 | - | {称呼}，店里新到的几款产品很适合您的肤质，想邀请您来免费体验一下～
winback | 积分即将过期 | 积分 过期 | - | {称呼}，提醒一下您有积分将在月底过期，可以兑换小样或抵现，别浪费哦。
winback | 满意度回访 | 回访 满意度 | - | {称呼}，想问问您最近没来是不是我们哪里做得不好？您的建议对{导购}很重要。
events_1111 | 双11预售提醒 | 双11 预售 | poster_1111 | {称呼}，双11预售开始啦！今年定金翻倍、前1小时还有赠品，需要我帮您列一份购物清单吗？
events_1111 | 双11尾款提醒 | 双11 尾款 | - | {称呼}，双11尾款今晚0点开始支付，别忘了哦～有问题随时找{导购}。
events_1111 | 双11到店同价 | 双11 同价 | - | {称呼}，双11期间{门店}和线上同价，还能现场试用和包装，欢迎来逛～
events_1111 | 双11囤货建议 | 双11 囤货 | - | {称呼}，按您平时的用量，建议这次囤两瓶{上次购买}，算下来比平时划算不少。
events_memberday | 会员日预告 | 会员日 预告 | poster_memberday | {称呼}，本月18号是会员日，全场9折叠加积分翻倍，提前帮您留意想要的产品～
events_memberday | 会员日当天 | 会员日 到店 | - | {称呼}，今天会员日！到{门店}消费满额还有礼品，{导购}在店里等您。
events_memberday | 会员升级提醒 | 升级 金卡 | - | {称呼}，您距离升级金卡只差一点点了，升级后可享全年95折和生日双倍积分。
events | 周末沙龙邀约 | 沙龙 邀约 | - | {称呼}，这周末{门店}有一场护肤沙龙，有皮肤检测和下午茶，名额有限，给您留一个？
events | 直播预告 | 直播 预告 | link_live | {称呼}，今晚8点品牌直播间有新品首发和福利秒杀，点链接就能预约～
events | 三八节活动 | 女神节 活动 | - | {称呼}，女神节快乐！3月8日前到店送限定花束和护手霜，祝您永远美丽～
events | 母婴专场 | 母婴 专场 | - | {称呼}，本周六是母婴专场，宝宝用品满199减30，还有育儿专家现场答疑。
community | 入群欢迎 | 入群 欢迎 | - | 欢迎{姓名}加入{门店}会员群！群里每周三有秒杀、周五有抽奖，有问题@{导购}就好～
community | 群秒杀预告 | 秒杀 社群 | - | 【今日秒杀】晚上8点群内秒杀补水面膜，限量30份，大家定好闹钟哦～
community | 群抽奖 | 抽奖 社群 | - | 【周五抽奖】回复“美美哒”参与抽奖，抽3位送正装口红，今晚9点开奖！
community | 护肤小知识 | 知识 社群 | text_tips | 【护肤小课堂】秋冬洗脸水温不要太高，32-35℃最合适，洗完3分钟内涂保湿哦～
community | 晒单有礼 | 晒单 积分 | - | 晒出您在{门店}买的好物，附上使用感受，就能领取积分200分～
community | 群规提醒 | 群规 | - | 温馨提示：本群为会员福利群，请勿发广告和链接，谢谢大家配合～
community | 新人入群引导 | 新人 引导 | mp_member | 新朋友们看这里：置顶公告有会员权益说明，小程序里可以查积分和优惠券。
care | 使用7天回访 | 回访 7天 | - | {称呼}，{上次购买}已经用了一周左右了吧？皮肤有没有感觉更水润？有问题随时问我。
care | 使用30天回访 | 回访 30天 | - | {称呼}，{上次购买}用了一个月啦，很多顾客反馈这个时候效果最明显，您感觉怎么样？
care | 空瓶提醒 | 复购 提醒 | - | {称呼}，按平时用量，您的{上次购买}差不多快用完了，需要的话我帮您预留一瓶。
care | 天气关怀 | 天气 关怀 | - | {称呼}，这几天降温了，出门记得多穿点，护肤上也可以加一层面霜锁水哦。
care | 敏感期护理 | 敏感 护理 | - | {称呼}，换季皮肤敏感时建议精简护肤步骤，只用温和洁面、修护水和面霜就好。
care | 防晒提醒 | 防晒 关怀 | - | {称呼}，最近紫外线很强，出门前15分钟记得涂防晒，户外每两小时补涂一次哦。
care | 孕期护肤建议 | 孕期 母婴 | - | {称呼}，孕期护肤以保湿和温和为主，我们的妊娠纹按摩油是孕妇可用配方，可以了解一下。
care | 宝宝护理提醒 | 宝宝 护理 | - | {称呼}，宝宝换季容易皮肤干，洗澡后3分钟内涂婴儿润肤乳效果最好～
care | 到店护理预约 | 护理 预约 | - | {称呼}，本月的免费护理还没有使用哦，要帮您预约这周末的时间吗？
opening | 新接手问候 | 交接 接手 问候 | - | {称呼}您好，我是{门店}的导购{导购}。之前为您服务的同事岗位有调整，今后由我接手为您服务，您的会员权益、积分和之前的记录都不变，有任何需要随时找我～
"""
SCRIPTS = tuple(
    (group, title, body, field_words(keywords), optional_field(material))
    for group, title, keywords, material, body in parse_table(_SCRIPTS)
)

#: title | keywords | body — each store keeps these in its own store-scope group.
_STORE_SCRIPTS = """
本店位置与停车 | 地址 停车 | {称呼}，{门店}在商场一楼正门左手边，停车场在B2，消费满200可免2小时停车费哦。
本店周末活动 | 周末 活动 | {称呼}，这个周末{门店}有新品试用和免费皮肤检测，{导购}等您来玩～
本店营业时间 | 营业时间 | {称呼}，{门店}营业时间是每天10:00-22:00，节假日照常营业。
"""
STORE_SCRIPTS = tuple(
    (title, body, field_words(keywords)) for title, keywords, body in parse_table(_STORE_SCRIPTS)
)
#: (title, body) — a personal script each guide of the first store keeps.
PERSONAL_SCRIPT = ("我的常用开场", "{称呼}～我是{导购}呀，最近皮肤状态怎么样？有需要随时找我哦。")

# --------------------------------------------------------------------------- materials

#: key | kind | title | tags | demo asset file or URL | visibility (region:华东, role:supervisor) | description
_MATERIALS = """
img_serum | image | 玻尿酸保湿精华 产品图 | 精华 新品 | serum.jpg | - | 主图，白底，可发朋友圈
img_cream | image | 积雪草修护面霜 产品图 | 面霜 修护 | cream.jpg | - | 主图，适合私聊发送
img_sunscreen | image | 清透防晒乳 产品图 | 防晒 | sunscreen.jpg | - | 夏季主推
img_lipstick | image | 丝绒雾面口红 产品图 | 口红 彩妆 | lipstick.jpg | - | 6个色号合集
img_baby | image | 婴儿润肤乳 产品图 | 母婴 | baby_lotion.jpg | - | 母婴专区主推
img_mask | image | 补水面膜 产品图 | 面膜 补水 | mask.jpg | - | 买二送一活动主图
img_store | image | 新品专柜实拍 | 门店 陈列 | store_front.png | - | 可发朋友圈
img_display | image | 门店陈列标准示意 | 陈列 标准 | display.png | role:supervisor | 新品陈列位置与价签规范
poster_1111 | poster | 双11预售海报 | 双11 海报 | poster_1111.png | - | 定金翻倍，可发朋友圈和社群
poster_memberday | poster | 会员日海报 | 会员日 海报 | poster_memberday.png | - | 每月18日会员日
poster_birthday | poster | 生日祝福海报 | 生日 | poster_birthday.png | - | 生日当天私聊发送
poster_lipstick | poster | 秋冬口红上新海报 | 口红 新品 | poster_lipstick.png | - | 朋友圈九宫格首图
poster_east | poster | 华东区周年庆海报 | 周年庆 | poster_memberday.png | region:华东 | 仅华东区门店使用
file_training | file | 新品培训手册 | 培训 新品 | training.pdf | role:supervisor | 店员培训用，请勿外发
file_manual | file | 玻尿酸保湿精华 产品手册 | 精华 手册 | manual.pdf | - | 6页，含使用方法与常见问题
file_display_gif | file | 新品陈列动图 | 陈列 动图 | display.gif | - | GIF 动图，可直接发给顾客
file_return | file | 退换货流程说明 | 售后 退换货 | returns.pdf | - | 可发给顾客
file_words | file | 敏感词规范 | 培训 敏感词 | words.pdf | - | 新人培训资料
file_price | file | 华北区价格带说明 | 价格 | training.pdf | region:华北 | 区域内部资料
link_live | link | 品牌直播间预约 | 直播 | https://live.example.com/brand/room/8808 | - | 每周三、周五晚8点
link_member | link | 会员权益说明页 | 会员 | https://m.example.com/member/benefits | - | 会员等级与积分规则
link_skin | link | 在线肤质测试 | 肤质 测试 | https://m.example.com/skin-test | - | 3分钟测出肤质
link_tmall | link | 天猫旗舰店首页 | 天猫 | https://shop.example.com/tmall | - | 线上下单入口
mp_member | miniprogram | 会员中心小程序 | 会员 小程序 | miniprogram://wx5a3e0b7c9d1f2a44/pages/member/index | - | 查积分、领券、看订单
mp_coupon | miniprogram | 领券中心 | 优惠券 | miniprogram://wx5a3e0b7c9d1f2a44/pages/coupon/list | - | 回归券、新人券入口
mp_booking | miniprogram | 到店护理预约 | 预约 | miniprogram://wx5a3e0b7c9d1f2a44/pages/booking/index | - | 预约免费护理
video_serum | video | 精华液使用教程 | 教程 精华 | https://video.example.com/v/serum-howto.mp4 | - | 1分钟短视频
video_makeup | video | 5分钟通勤妆教程 | 教程 彩妆 | https://video.example.com/v/commute-makeup.mp4 | - | 彩妆课同款
video_baby | video | 宝宝抚触手法 | 母婴 教程 | https://video.example.com/v/baby-massage.mp4 | - | 母婴顾客可发
text_tips | text | 秋冬护肤小知识 | 知识 | - | - | 1. 洗脸水温32-35℃；2. 洁面后3分钟内保湿；3. 每周1-2次面膜。
moments_new | moments | 朋友圈：秋冬新品上市 | 朋友圈 新品 | - | - | 九宫格，配文可直接发
moments_serum | moments | 朋友圈：精华使用分享 | 朋友圈 精华 | - | - | 三图，适合老顾客
text_moments | text | 朋友圈文案：新品上市 | 朋友圈 文案 | - | - | 秋冬换季，给肌肤一份温柔的守护 🍂 新品玻尿酸精华到店，欢迎来试～
text_memberday | text | 会员日群公告 | 会员日 公告 | - | - | 【会员日】本月18日全场9折，积分翻倍，到店还有惊喜礼品！
text_rules | text | 导购服务规范要点 | 规范 | - | role:supervisor | 不承诺功效、不私下交易、不泄露顾客信息。
text_greeting | text | 节日问候通用文案 | 节日 | - | - | 愿您和家人节日快乐，平安喜乐～
"""
MATERIALS = tuple(
    (
        key,
        kind,
        title,
        description,
        field_words(tags),
        "" if target == "-" else target,
        "" if vis == "-" else vis,
    )
    for key, kind, title, tags, target, vis, description in parse_table(_MATERIALS)
)

#: key | images (demo files, in order; at most nine) | the post's text — 朋友圈 materials.
_MOMENTS = """
moments_new | serum.jpg cream.jpg sunscreen.jpg lipstick.jpg mask.jpg toner.jpg night_cream.jpg cleanser.jpg store_front.png | 秋冬换季，给肌肤一份温柔的守护🍂 新品全线到店：玻尿酸精华、积雪草面霜、清透防晒……来店里试试，给你留了试用装～
moments_serum | serum.jpg toner.jpg cream.jpg | 早晚两滴，干皮也能水润一整天💧 精华+柔肤水+面霜，换季三件套安排上！
"""
MOMENTS = {key: (tuple(images.split()), text) for key, images, text in parse_table(_MOMENTS)}

# --------------------------------------------------------------------------- follow-ups

FOLLOW_UP_TEXTS = {
    "chat": (
        "微信沟通了{product}的用法，顾客说最近皮肤有点干，建议加一层面霜。",
        "发了新品试用装的领取信息，顾客说周末过来。",
        "顾客咨询{product}有没有活动，告知会员日9折。",
        "问候了一下，顾客反馈{product}用着不错，准备回购。",
        "顾客说最近出差，下个月回来再到店。",
        "推荐了{product}，顾客说考虑一下。",
    ),
    "group": (
        "顾客在群里参与了秒杀，抢到{product}。",
        "群内回答了顾客关于{product}成分的问题。",
        "顾客在群里晒单，已登记积分。",
    ),
    "phone": (
        "电话回访{product}使用情况，满意，没有不适。",
        "电话提醒积分月底过期，顾客说会来兑换。",
        "电话未接通，稍后再联系。",
        "电话邀约周末沙龙，顾客已确认参加。",
    ),
    "visit": (
        "到店试用了{product}，做了皮肤检测，偏干，推荐保湿系列。",
        "到店领取生日礼，顺便购买了{product}。",
        "陪同家人到店，试了几款彩妆，没有购买。",
        "到店退换{product}，已处理，顾客满意。",
    ),
}

NOTES = (
    "对酒精过敏，推荐产品避开含酒精的。",
    "喜欢周末下午到店，提前微信约。",
    "宝宝对香精敏感，只推无香型。",
    "在外企上班，工作日晚上7点后方便联系。",
    "老顾客介绍来的，注意维护关系。",
    "偏好哑光质地，不喜欢油光感。",
    "只接受微信沟通，不要打电话。",
    "家住附近小区，常带孩子来逛。",
)


# =========================================================================== rows


def tag_group_rows(chain: Chain) -> Iterator[dict]:
    for sort, (name, choice, roles, _tags) in enumerate(TAG_GROUPS):
        gid = chain.tag_group_ids[name] = chain.id("tag_group", name)
        yield {
            "id": gid,
            "name": name,
            "choice": choice,
            "scope": "hq",
            "store_id": None,
            "visible_roles": list(roles),
            "sort": sort,
        }
    name, choice, _tags = STORE_TAG_GROUP
    for s in chain.stores:
        s.store_group_id = chain.id("tag_group", f"{name}:{s.code}")
        yield {
            "id": s.store_group_id,
            "name": name,
            "choice": choice,
            "scope": "store",
            "store_id": s.id,
            "visible_roles": [],
            "sort": len(TAG_GROUPS),
        }


def tag_rows(chain: Chain) -> Iterator[dict]:
    for group, _choice, _roles, tags in TAG_GROUPS:
        for sort, (tag, color) in enumerate(tags):
            tid = chain.tag_ids[(group, tag)] = chain.id("tag", f"{group}:{tag}")
            yield {
                "id": tid,
                "group_id": chain.tag_group_ids[group],
                "name": tag,
                "color": color,
                "sort": sort,
            }
    group, _choice, tags = STORE_TAG_GROUP
    for s in chain.stores:
        for sort, (tag, color) in enumerate(tags[: 2 + s.index % 2]):
            tid = chain.id("tag", f"{group}:{s.code}:{tag}")
            s.tag_ids.append(tid)
            yield {
                "id": tid,
                "group_id": s.store_group_id,
                "name": tag,
                "color": color,
                "sort": sort,
            }


def sensitive_word_rows(chain: Chain) -> Iterator[dict]:
    for word, severity in SENSITIVE_WORDS:
        yield {"id": chain.id("sensitive_word", word), "word": word, "severity": severity}


def script_group_rows(chain: Chain) -> Iterator[dict]:
    for sort, (key, name, parent) in enumerate(SCRIPT_GROUPS):
        yield {
            "id": chain.id("script_group", key),
            "name": name,
            "scope": "hq",
            "parent_id": chain.id("script_group", parent) if parent else None,
            "store_id": None,
            "owner_id": None,
            "sort": sort,
        }
    for s in chain.stores:
        yield {
            "id": chain.id("script_group", f"store:{s.code}"),
            "name": "本店话术",
            "scope": "store",
            "parent_id": None,
            "store_id": s.id,
            "owner_id": None,
            "sort": 100,
        }


def _script(sid: str, title: str, body: str, keywords: tuple[str, ...], **extra: object) -> dict:
    row = {
        "id": sid,
        "title": title,
        "body": body,
        "keywords": list(keywords),
        "group_id": None,
        "scope": "hq",
        "store_id": None,
        "owner_id": None,
        "items": [],
        "use_count": 0,
        "valid_from": None,
        "valid_to": None,
        "last_used_at": None,
    }
    row.update(extra)
    return row


def script_rows(chain: Chain) -> Iterator[dict]:
    rng = chain.rng("scripts")
    for material_key, *_ in MATERIALS:
        chain.material_ids[material_key] = chain.id("material", material_key)
    for n, (group, title, body, keywords, material) in enumerate(SCRIPTS):
        sid = chain.script_ids[title] = chain.id("script", f"hq:{n}")
        items = []
        if material:
            if rng.random() < 0.5:
                items.append({"kind": "text", "text": "给您发一下详细介绍👇", "material_id": None})
            items.append(
                {"kind": "material", "text": "", "material_id": chain.material_ids[material]}
            )
        timed = group.startswith("events")  # campaign scripts run for a few weeks
        used = int(rng.paretovariate(1.2) * 20) - 20 if rng.random() < 0.85 else 0
        yield _script(
            sid,
            title,
            body,
            keywords,
            group_id=chain.id("script_group", group),
            items=items,
            use_count=used,
            valid_from=chain.date_str(-30) if timed else None,
            valid_to=chain.date_str(rng.randint(10, 40)) if timed else None,
            last_used_at=chain.iso(chain.now - rng.randrange(30 * DAY)) if used else None,
        )
    for s in chain.stores:
        for n, (title, body, keywords) in enumerate(STORE_SCRIPTS):
            yield _script(
                chain.id("script", f"{s.code}:{n}"),
                title,
                body,
                keywords,
                group_id=chain.id("script_group", f"store:{s.code}"),
                scope="store",
                store_id=s.id,
                use_count=rng.randrange(50),
            )
    title, body = PERSONAL_SCRIPT
    for guide_id in chain.stores[0].guide_ids:
        yield _script(
            chain.id("script", f"personal:{guide_id}"),
            title,
            body,
            ("常用",),
            scope="personal",
            owner_id=guide_id,
            use_count=rng.randrange(200),
        )


def material_rows(chain: Chain) -> Iterator[dict]:
    rng = chain.rng("materials")
    for key, kind, title, desc, tags, target, visibility in MATERIALS:
        row = {
            "id": chain.material_ids[key],
            "kind": kind,
            "title": title,
            "description": desc,
            "tags": list(tags),
            "blob_sha256": None,
            "blob_size": None,
            "mime": None,
            "file_name": None,
            "url": None,
            "visibility": {"region_ids": [], "store_ids": [], "roles": []},
            "valid_from": None,
            "valid_to": None,
            "use_count": int(rng.paretovariate(1.3) * 30) - 30,
        }
        if "://" in target:
            row["url"] = target
        elif target:
            sha, data, mime, file_name = asset_by_name(target)
            row.update(blob_sha256=sha, blob_size=len(data), mime=mime, file_name=file_name)
        row["text"], row["images"], row["poster"] = "", [], None
        if kind == "poster":
            row["poster"] = poster_layout()
        if key in MOMENTS:
            images, text = MOMENTS[key]
            row["text"] = text
            row["images"] = [asset_by_name(name)[0] for name in images]
        axis, _, value = visibility.partition(":")
        if axis == "region":
            row["visibility"]["region_ids"] = [chain.id("region", value)]
        elif axis == "role":
            row["visibility"]["roles"] = [value, "hq"]
        if "1111" in key:
            row.update(valid_from=chain.date_str(-20), valid_to=chain.date_str(15))
        yield row
