"""Whether a site's choice is inside what a periphery element allows, said in words."""

from __future__ import annotations

from codify.models.spec import (
    ChoiceElement,
    PeripheryElement,
    RangeElement,
    TextElement,
    ToggleElement,
)
from codify.text import did_you_mean, join_values, number, shorten, type_name


def choice_problem(el: PeripheryElement, value: object) -> str | None:
    """Why a value is not allowed for a periphery element, or None when it is."""
    if isinstance(el, ChoiceElement):
        values = [o.value for o in el.options]
        if not isinstance(value, str):
            return f"{shorten(value)} is {type_name(value)}; choose one of: {join_values(values)}"
        if value in values or el.allow_other:
            return None
        labels = {o.label: o.value for o in el.options if o.label}
        hint = (
            f"; '{value}' is a label, write its value '{labels[value]}'"
            if value in labels
            else did_you_mean(value, values)
        )
        return f"{shorten(value)} is not an allowed option ({join_values(values)}){hint}"
    if isinstance(el, RangeElement):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return (
                f"{shorten(value)} is {type_name(value)}; a range takes a number"
                + (f" of {el.unit}" if el.unit else "")
                + ", without units or quotes"
            )
        if el.allows(value):
            return None
        side = "below" if el.min is not None and value < el.min else "above"
        return f"{number(value)} is {side} the allowed {el.describe()}"
    if isinstance(el, ToggleElement):
        return (
            None
            if isinstance(value, bool)
            else (f"{shorten(value)} is {type_name(value)}; this element takes true or false")
        )
    assert isinstance(el, TextElement)
    return (
        None
        if isinstance(value, str)
        else (f"{shorten(value)} is {type_name(value)}; this element takes local wording (text)")
    )


def describe_value(el: PeripheryElement, value: object) -> str:
    """A chosen value as a message shows it: with its unit, or marked as another option."""
    if isinstance(el, RangeElement) and isinstance(value, int | float):
        return f"{number(value)}" + (f" {el.unit}" if el.unit else "")
    if isinstance(el, ChoiceElement) and isinstance(value, str):
        known = [o.value for o in el.options]
        return shorten(value, 60) + ("" if value in known else " (other)")
    return shorten(value, 60)
