"""Deputies' work with voters at the station (接待选民) and the deputies' suggestions they lead
to: what voters raise on reception days, each matter followed up within its time limit until
it is closed (限时销号), and the replies owed to the suggestions deputies submit. One concern a
module; each part adds its own models here."""

from .matters import Category, Matter, ReceptionDay, Step
from .suggestions import CoHandlingUnit, Suggestion

__all__ = ["Category", "CoHandlingUnit", "Matter", "ReceptionDay", "Step", "Suggestion"]
