"""Pure-Python policy layer: identity numbers, eligibility, subsidy amounts. No ORM."""

from . import bounds, eligibility, identity, subsidy, text

__all__ = ["bounds", "eligibility", "identity", "subsidy", "text"]
