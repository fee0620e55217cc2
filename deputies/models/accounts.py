"""The people who sign in: users (by mobile number), the staff roles they hold with the place each
covers, and one-time sign-in links."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..validators import mask_mobile, normalize_mobile, validate_mobile
from .places import County, LiaisonStation, Township


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, mobile, password, **extra_fields):
        mobile = normalize_mobile(mobile)
        validate_mobile(mobile)
        user = self.model(mobile=mobile, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, mobile, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(mobile, password, **extra_fields)

    def create_superuser(self, mobile, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(mobile, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: deputies, station and township staff, county officers, editors.

    People sign in with their mobile number. A Chinese name is one field: splitting it into
    given and family names goes wrong with compound surnames.
    """

    mobile = models.CharField(
        _("mobile number"), max_length=11, unique=True, validators=[validate_mobile]
    )
    name = models.CharField(_("full name"), max_length=50)
    email = models.EmailField(_("email"), blank=True)
    is_staff = models.BooleanField(
        _("admin access"),
        default=False,
        help_text=_("Can sign in to the content admin (/admin/)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set when staff reset the password; cleared when the user picks a new one."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    archive_only = models.BooleanField(
        _("former deputy"),
        default=False,
        help_text=_(
            "Left office as a deputy: reads their own learning archive and certificates only. "
            "Kept in step with the deputy's record."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "mobile"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name"]

    def __str__(self):
        return self.name or self.mobile

    def clean(self):
        super().clean()
        self.mobile = normalize_mobile(self.mobile)

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.mobile)


class StaffRole(models.Model):
    """One role of one user, with the place it covers. A user may hold several."""

    class Kind(models.TextChoices):
        STATION = "station", _("Liaison station staff")
        TOWNSHIP = "township", _("Township congress staff")
        COUNTY = "county", _("County congress officer")
        EDITOR = "editor", _("Content editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("role"), max_length=10, choices=Kind.choices)
    station = models.ForeignKey(
        LiaisonStation, on_delete=models.CASCADE, null=True, blank=True, related_name="staff_roles"
    )
    township = models.ForeignKey(
        Township, on_delete=models.CASCADE, null=True, blank=True, related_name="staff_roles"
    )
    county = models.ForeignKey(
        County, on_delete=models.CASCADE, null=True, blank=True, related_name="staff_roles"
    )

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="station",
                        station__isnull=False,
                        township__isnull=True,
                        county__isnull=True,
                    )
                    | Q(
                        kind="township",
                        station__isnull=True,
                        township__isnull=False,
                        county__isnull=True,
                    )
                    | Q(
                        kind="county",
                        station__isnull=True,
                        township__isnull=True,
                        county__isnull=False,
                    )
                    | Q(
                        kind="editor",
                        station__isnull=True,
                        township__isnull=True,
                        county__isnull=True,
                    )
                ),
                name="staffrole_place_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["user", "station"],
                condition=Q(station__isnull=False),
                name="staffrole_unique_station",
            ),
            models.UniqueConstraint(
                fields=["user", "township"],
                condition=Q(township__isnull=False),
                name="staffrole_unique_township",
            ),
            models.UniqueConstraint(
                fields=["user", "county"],
                condition=Q(county__isnull=False),
                name="staffrole_unique_county",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(kind="editor"), name="staffrole_unique_editor"
            ),
        ]

    def __str__(self):
        place = self.station or self.township or self.county
        return f"{self.get_kind_display()} · {place}" if place else self.get_kind_display()


class SignInLinkQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class SignInLink(models.Model):
    """A one-time sign-in link for a deputy who struggles with passwords.

    Only a hash of the token is stored, so a copy of the database cannot be used to sign in.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signin_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = SignInLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")

    def __str__(self):
        return f"{self.user} · {self.created_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
