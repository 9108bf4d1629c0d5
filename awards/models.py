import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BaseSalaryQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date) -> "BaseSalary | None":
        return self.filter(effective_from__lte=day).order_by("-effective_from").first()


class BaseSalary(models.Model):
    """The statutory base salary (mức lương cơ sở); prize money uses the one in force on a date."""

    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    effective_from = models.DateField(_("in force from"), unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    verified = models.BooleanField(
        _("verified in the official gazette"),
        default=True,
        help_text=_("Off for a figure reported but not yet read in the gazette."),
    )

    objects = BaseSalaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="base_salary_positive")
        ]

    def __str__(self):
        return f"{self.amount:,} VND ({self.effective_from:%d/%m/%Y})".replace(",", ".")
