"""Who is who, one concern a module: the administrative places (`places`), the people who sign
in and their staff roles (`accounts`), deputies and their seats in each term (`deputies`), and
the roster uploads and term changes that write them (`rosters`). Every model is importable from
`deputies.models` as before."""

from .accounts import SignInLink, SignInLinkQuerySet, StaffRole, User, UserManager
from .deputies import Deputy, DeputyQuerySet, Membership, Term, in_office_on
from .places import County, LiaisonStation, Township
from .rosters import RosterImport, TermChange

__all__ = [
    "County",
    "Deputy",
    "DeputyQuerySet",
    "LiaisonStation",
    "Membership",
    "RosterImport",
    "SignInLink",
    "SignInLinkQuerySet",
    "StaffRole",
    "Term",
    "TermChange",
    "Township",
    "User",
    "UserManager",
    "in_office_on",
]
