"""Plan pages. Each view: authorise (queries.actor_for), parse, call an action, render."""
