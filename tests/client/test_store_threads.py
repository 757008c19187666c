"""The window reads from worker threads while the sync thread writes pages."""

from __future__ import annotations

import threading

from guide_app.search import search
from guide_app.services.customers import CustomerQuery, CustomerService

from .conftest import G1, change, customer_data


def test_reads_in_threads_while_pages_are_written(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set():
                assert svc.count(CustomerQuery(mine_only=False)) >= 5
                assert 5 <= len(svc.page(CustomerQuery(mine_only=False), 0, 50)) <= 50
                search(cache, G1, "张")
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    def editor() -> None:
        try:
            for i in range(8):
                svc.update(s["zhangsan"], notes=f"第{i}次")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(3)] + [
        threading.Thread(target=editor)
    ]
    for t in threads:
        t.start()
    for page in range(5):
        rows = [change("customer", customer_data(f"批量{page}-{i}")) for i in range(100)]
        cache.apply_pull_page(rows, f"c{page}")
    threads[-1].join()
    stop.set()
    for t in threads:
        t.join()
    assert errors == []
    assert svc.count(CustomerQuery(mine_only=False)) == 5 + 500
    assert svc.get(s["zhangsan"]).notes == "第7次"
    assert cache.outbox.count() == 8
