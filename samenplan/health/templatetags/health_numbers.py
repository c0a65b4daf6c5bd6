from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def plain_number(value):
    """A stored decimal as people write it: 52,5 not 52,50; 60 not 60,00 (localised)."""
    if value is None or value == "":
        return ""
    decimals = max(0, -value.normalize().as_tuple().exponent)
    return number_format(value, decimal_pos=decimals)
