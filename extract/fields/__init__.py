"""Study fields read from a parsed paper: design type (with attributes) and sample size, each with evidence."""
