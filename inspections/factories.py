"""An inspection made through the service, as staff make one: with its stops and its plan.
Shared by the tests and the demo."""

from datetime import date

from .services import create_inspection

STOPS = [("河东村蓄水池", "饮水工程的管护"), ("三组供水点", "停水和水压")]


def make_inspection(
    *, station, organiser, deputies=(), title="农村饮水安全工程", stops=STOPS, user=None, **extra
):
    return create_inspection(
        user=user,
        station=station,
        kind=extra.get("kind", "inspection"),
        title=title,
        starts_on=extra.get("starts_on", date(2026, 6, 12)),
        ends_on=extra.get("ends_on"),
        organiser=organiser,
        deputies=list(deputies),
        stops=stops,
    )
