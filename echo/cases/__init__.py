"""Cases: the case form, the PHI guard, the review workflow and recommendations."""
