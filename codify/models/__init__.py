"""Pydantic models for codify's two file kinds: the innovation spec and a site's adaptations."""

from codify.models.site import Adaptation, AdaptationFile, Frame, SiteInfo
from codify.models.spec import (
    ChoiceElement,
    CoreFunction,
    Innovation,
    PeripheryElement,
    Proscribed,
    RangeElement,
    TextElement,
    ToggleElement,
)

__all__ = [
    "Adaptation",
    "AdaptationFile",
    "ChoiceElement",
    "CoreFunction",
    "Frame",
    "Innovation",
    "PeripheryElement",
    "Proscribed",
    "RangeElement",
    "SiteInfo",
    "TextElement",
    "ToggleElement",
]
