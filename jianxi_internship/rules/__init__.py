"""Pure-Python policy layer: identity numbers, eligibility, subsidy amounts. No ORM."""

from . import bounds, eligibility, host_unit, identity, subsidy, text, uploads

__all__ = ["bounds", "eligibility", "host_unit", "identity", "subsidy", "text", "uploads"]
