"""Pure-Python policy layer: identity numbers, eligibility, subsidy amounts. No ORM."""

from . import bounds, eligibility, identity, subsidy, text, uploads

__all__ = ["bounds", "eligibility", "identity", "subsidy", "text", "uploads"]
