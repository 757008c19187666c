"""Library benchmark (issue 11): search as you type, sensitive words, render.

Builds a cache file with its own generator: 20,000 scripts and materials (plus
10,000 sensitive words, a store, a guide and 1,000 customers) applied through
the app's own pull path (``Cache.apply_pull_page`` in pages of 5,000, a bulk
fill like a first sync, so the library index is built by its triggers), then
times, through ``session.library``'s service (``LibraryService``):

- search as you type: every prefix of realistic queries typed one key at a
  time — Chinese words from titles and bodies, one character, full pinyin,
  initials, several words — p50/p95 per kind and overall (target p95 ≤ 20 ms);
- answers to pasted customer messages (FTS5 bm25);
- the sensitive-word check of a 2,000-character text against 10,000 words with
  the ``Matcher`` (Aho–Corasick) against a plain ``word in text`` loop over the
  same words, both finding the same words (target p95 ≤ 1 ms; the ratio printed);
- render + check of a script for a customer (``LibraryService.render``).

    .venv/bin/python bench/library.py
    .venv/bin/python bench/library.py --items 5000 --words 2000 --reuse
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guide_app.cache.database import Cache, open_cache  # noqa: E402
from guide_app.cache.pinyin_index import syllables  # noqa: E402
from guide_app.services.library import LibraryService  # noqa: E402
from guide_core.protocol import Change, UserInfo  # noqa: E402
from guide_core.sensitive import Matcher, fold  # noqa: E402

STORE = "store-bench"
USER = UserInfo(id="guide-0", username="g0", display_name="导购小林", role="guide", store_id=STORE)
TODAY = date(2026, 11, 23)
PAGE = 5000
OUT = Path(__file__).resolve().parent / "out"

PRODUCTS = (
    "保湿面霜 修护精华 防晒喷雾 洁面乳 爽肤水 眼霜 面膜 身体乳 护手霜 唇膏 粉底液 气垫 "
    "散粉 眉笔 睫毛膏 卸妆油 精华液 乳液 隔离霜 香水 羊绒围巾 真丝衬衫 羊毛大衣 针织开衫 "
    "皮质手袋 运动跑鞋 羽绒马甲 亚麻长裙 珍珠耳钉 银质手链"
).split()
TOPICS = (
    "敏感肌 干皮 油皮 混合肌 换季 补水 美白 抗老 祛痘 舒缓 生日 会员 新品 上市 节日 "
    "双十一 双十二 年货节 三八节 七夕 母亲节 开业 周年庆 积分 兑换 到店 预约 试用 回访 关怀"
).split()
KINDS = "推荐 介绍 话术 开场白 答疑 跟进 邀约 催单 售后 安抚 搭配 技巧 指南 活动 福利".split()
PHRASES = (
    "{称呼}您好，我是{门店}的{导购}。",
    "{称呼|亲}，最近皮肤状态怎么样？",
    "这款{产品}很适合{主题}的肌肤，质地清爽不黏腻。",
    "{会员等级}会员本月到店可以领取试用装。",
    "上次您{上次购买}购买的{产品}用得还习惯吗？",
    "现在下单还有{主题}专属礼品，数量有限。",
    "早晚各用一次，取黄豆大小均匀涂抹。",
    "如果有任何不适请及时告诉我，我们支持七天无理由退换。",
    "周末门店有{主题}活动，欢迎您来体验。",
    "祝您{生日}生日快乐，门店为您准备了小礼物。",
    "{产品}今天有现货，可以帮您预留。",
    "搭配{产品}一起使用效果更好哦。",
)
MESSAGES = (
    "有没有适合敏感肌的面霜",
    "我皮肤很干，冬天用什么好",
    "你们周年庆有什么活动吗",
    "上次买的精华用完了还有优惠吗",
    "积分怎么兑换礼品",
    "防晒喷雾怎么用",
    "生日有什么福利",
    "可以预约到店试用吗",
)
MATERIAL_KINDS = ("image", "video", "link", "file", "poster", "moments", "text")
WORD_CHARS = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保发"


def _script(rng: random.Random, n: int) -> dict:
    product, topic = rng.choice(PRODUCTS), rng.choice(TOPICS)
    title = rng.choice(
        (
            f"{topic}{product}{rng.choice(KINDS)}",
            f"{product}{rng.choice(KINDS)}",
            f"{topic}{rng.choice(KINDS)}",
        )
    )
    body = "".join(
        p.replace("{产品}", rng.choice(PRODUCTS)).replace("{主题}", rng.choice(TOPICS))
        for p in rng.sample(PHRASES, rng.randint(2, 6))
    )
    data = {
        "id": f"sc-{n}",
        "title": f"{title}{n % 97}" if n % 3 == 0 else title,
        "body": body,
        "keywords": rng.sample([product, topic, *rng.sample(TOPICS, 2)], rng.randint(1, 4)),
        "use_count": rng.randint(0, 500),
    }
    if n % 20 == 0:
        data["valid_to"] = "2026-01-31"  # expired by the client's date
    return data


def _material(rng: random.Random, n: int) -> dict:
    product, topic = rng.choice(PRODUCTS), rng.choice(TOPICS)
    return {
        "id": f"mt-{n}",
        "kind": MATERIAL_KINDS[n % len(MATERIAL_KINDS)],
        "title": f"{topic}{product}{rng.choice(('海报', '视频', '图片', '朋友圈', '链接'))}{n % 53}",
        "description": f"{product}{topic}素材，{rng.choice(PHRASES)}",
        "tags": [product, topic],
        "use_count": rng.randint(0, 500),
    }


def _words(rng: random.Random, count: int) -> list[tuple[str, str]]:
    real = ["最便宜", "第一", "保证", "绝对", "根治", "国家级", "特效", "无副作用", "100%", "顶级"]
    out = {w: "block" for w in real}
    while len(out) < count:
        out.setdefault(
            "".join(rng.choice(WORD_CHARS) for _ in range(rng.randint(2, 4))),
            rng.choice(("block", "warn")),
        )
    return list(out.items())


def build(
    cache: Cache, items: int, words: int, seed: int = 11
) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    rng = random.Random(seed)
    version = iter(range(1, 10**9))

    def ch(entity: str, data: dict) -> Change:
        return Change(entity=entity, id=data["id"], version=next(version), data=data)

    rows: list[Change] = [
        ch(
            "store",
            {
                "id": STORE,
                "code": "S001",
                "name": "静安店",
                "region_id": "r1",
                "region_name": "华东",
            },
        ),
        ch(
            "user",
            {
                "id": USER.id,
                "username": USER.username,
                "display_name": USER.display_name,
                "role": "guide",
                "store_id": STORE,
            },
        ),
    ]
    customers = []
    for n in range(1000):
        cid = str(uuid.UUID(int=n + 1))
        customers.append(cid)
        rows.append(
            ch(
                "customer",
                {
                    "id": cid,
                    "store_id": STORE,
                    "owner_id": USER.id,
                    "name": rng.choice("王李张刘陈杨黄赵") + rng.choice("芳娜敏静丽"),
                    "level": rng.choice(("normal", "silver", "gold", "black")),
                    "member_no": f"M{n:06d}",
                    "birthday": "1990-03-08" if n % 2 else None,
                    "last_purchase_at": "2026-10-01T10:00:00+08:00" if n % 3 else None,
                },
            )
        )
    n_materials = items // 5
    scripts = [_script(rng, n) for n in range(items - n_materials)]
    rows += [ch("script", s) for s in scripts]
    rows += [ch("material", _material(rng, n)) for n in range(n_materials)]
    word_list = _words(rng, words)
    rows += [
        ch("sensitive_word", {"id": f"sw-{n}", "word": w, "severity": s})
        for n, (w, s) in enumerate(word_list)
    ]
    start = time.perf_counter()
    for at in range(0, len(rows), PAGE):
        page = rows[at : at + PAGE]
        cache.apply_pull_page(page, f"bench-{at}", more=at + PAGE < len(rows))
    print(
        f"built {len(rows):,} rows ({items:,} scripts+materials) in {time.perf_counter() - start:.1f} s"
    )
    return [s["id"] for s in scripts if "valid_to" not in s], customers, word_list


def _pinyin(word: str) -> str:
    return "".join(syllables(word))


def _initials(word: str) -> str:
    return "".join(s[:1] for s in syllables(word))


def queries(rng: random.Random) -> dict[str, list[str]]:
    """What a guide types, one key at a time (every prefix is a search)."""
    words = rng.sample(PRODUCTS + TOPICS, 16)

    def typed(texts: list[str]) -> list[str]:
        return [t[:i] for t in texts for i in range(1, len(t) + 1)]

    return {
        "chinese": typed(words[:8]),
        "one char": [w[0] for w in words],
        "body": typed(["黄豆大小", "七天无理由", "小礼物", "清爽不黏腻"]),
        "pinyin": typed([_pinyin(w) for w in words[8:12]]),
        "initials": typed([_initials(w) for w in words[:12]]),
        "several words": typed([f"{words[0]} {words[1]}", f"{_pinyin(words[2])} {words[3][:1]}"]),
    }


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


class Timings:
    """Wall and CPU time (this thread) of each call, in ms: the machine may be shared,
    and wall time then includes waiting for a core."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __iadd__(self, other: Timings) -> Timings:
        self.wall += other.wall
        self.cpu += other.cpu
        return self

    def p95(self) -> float:
        return _p(self.wall, 0.95)

    def cpu_p95(self) -> float:
        return _p(self.cpu, 0.95)

    def median(self) -> float:
        return statistics.median(self.wall)


def _verdict(what: str, t: Timings, target_ms: float) -> str:
    wall, cpu = t.p95(), t.cpu_p95()
    return (
        f"  {what} p95 {wall:.2f} ms wall, {cpu:.2f} ms CPU (target ≤ {target_ms:g} ms): "
        f"{'ok' if wall <= target_ms else 'over'} by wall, {'ok' if cpu <= target_ms else 'over'} by CPU"
    )


def _timed(fn, args_list, repeat: int = 1) -> Timings:
    t = Timings()
    for _ in range(repeat):
        for args in args_list:
            start, start_cpu = time.perf_counter(), time.thread_time()
            fn(*args)
            t.wall.append((time.perf_counter() - start) * 1000)
            t.cpu.append((time.thread_time() - start_cpu) * 1000)
    return t


def _line(label: str, t: Timings) -> None:
    ms = t.wall
    print(
        f"  {label:<16} n={len(ms):<5} median {statistics.median(ms):7.2f} ms   "
        f"p95 {_p(ms, 0.95):7.2f} ms   max {max(ms):7.2f} ms   (cpu p95 {_p(t.cpu, 0.95):6.2f} ms)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--items", type=int, default=20000, help="scripts + materials (a fifth materials)"
    )
    ap.add_argument("--words", type=int, default=10000, help="sensitive words")
    ap.add_argument("--reuse", action="store_true", help="keep and reuse bench/out/library-*.db")
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"library-{args.items}-{args.words}.db"
    fresh = not (args.reuse and path.exists())
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} CPUs, load average {load:.1f} (wall times include waiting for a core)")
    cache = open_cache(path)
    try:
        if fresh:
            script_ids, customers, word_list = build(cache, args.items, args.words)
        else:
            with cache.read() as conn:
                script_ids = [
                    r[0]
                    for r in conn.exec_driver_sql("SELECT id FROM scripts WHERE valid_to IS NULL")
                ]
                customers = [r[0] for r in conn.exec_driver_sql("SELECT id FROM customers")]
                word_list = [
                    tuple(r)
                    for r in conn.exec_driver_sql("SELECT word, severity FROM sensitive_words")
                ]
        lib = LibraryService(cache, USER, today=lambda: TODAY)
        rng = random.Random(3)
        gc.freeze()  # the rows built above are not garbage: keep the collector off them

        print(f"\nsearch as you type ({args.items:,} scripts+materials), every prefix typed:")
        lib.search("面霜")  # warm the page cache once
        everything = Timings()
        for kind, texts in queries(rng).items():
            ms = _timed(lambda t: lib.search(t), [(t,) for t in texts], repeat=3)
            everything += ms
            _line(kind, ms)
        _line("ALL", everything)
        print(_verdict("search", everything, 20))
        top = lib.answers(MESSAGES[0], limit=3)
        print(
            f"\nanswers ({len(MESSAGES)} pasted messages), e.g. {MESSAGES[0]} → {[h.title for h in top]}"
        )
        _line("answers", _timed(lambda m: lib.answers(m), [(m,) for m in MESSAGES], repeat=5))

        text_rng = random.Random(5)
        text = "".join(
            p.replace("{产品}", text_rng.choice(PRODUCTS)).replace(
                "{主题}", text_rng.choice(TOPICS)
            )
            for p in (text_rng.choice(PHRASES) for _ in range(200))
        )[:2000]
        text = text[:900] + "全网最便宜" + text[905:1500] + "保证" + text[1502:]
        matcher = Matcher(word_list)
        folded_words = [(fold(w), w) for w, _ in word_list]

        def loop_check() -> list[str]:
            folded = fold(text)
            return [w for fw, w in folded_words if fw in folded]

        assert sorted(set(matcher.check(text).words())) == sorted(set(loop_check()))
        print(
            f"\nsensitive words: {len(text):,}-character text, {len(word_list):,} words, "
            f"{len(matcher.check(text).words())} found by both"
        )
        ac = _timed(lambda: matcher.check(text), [()] * 300)
        plain = _timed(loop_check, [()] * 100)
        _line("Matcher", ac)
        _line("`in` loop", plain)
        print(_verdict("Matcher", ac, 1))
        print(
            f"  the `in` loop is {plain.median() / ac.median():.0f}× slower at the median, "
            f"{plain.p95() / ac.p95():.0f}× at p95 wall, {plain.cpu_p95() / ac.cpu_p95():.0f}× at p95 CPU"
        )
        start = time.perf_counter()
        Matcher(word_list)
        print(f"  building the Matcher once: {(time.perf_counter() - start) * 1000:.1f} ms")

        pairs = [(rng.choice(script_ids), rng.choice(customers)) for _ in range(300)]
        lib.render(*pairs[0])
        ms = _timed(lambda s, c: lib.render(s, c), pairs)
        print("\nrender + check (script for a customer, from the cache):")
        _line("render", ms)
    finally:
        cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
