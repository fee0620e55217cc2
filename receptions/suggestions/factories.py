"""A submitted suggestion at any step, made through the services as a deputy would: for the
tests, the authorization matrix's world and the demo."""

from datetime import date

from . import services


def submitted_suggestion(deputy, *, by=None, assigned_on: date, **fields):
    values = {
        "title": "关于修缮村卫生室的建议",
        "level": "township",
        "session": "",
        "main_unit": "镇卫生健康办公室",
        "co_units": [],
        "is_complex": False,
    }
    values.update(fields)
    return services.record_suggestion(
        deputy=deputy, by=by or deputy.user, assigned_on=assigned_on, **values
    )
