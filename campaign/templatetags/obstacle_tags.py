"""{% obstacle_counts campaign as counts %}: the register's counts for a campaign page (one
query), so that a page can show them with a plain include."""

from django import template

from campaign import obstacles

register = template.Library()


@register.simple_tag
def obstacle_counts(campaign) -> dict:
    return obstacles.summary(campaign)
