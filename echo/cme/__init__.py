"""CME: credit rounding, accreditation statements and the ACCME PARS learner export."""
