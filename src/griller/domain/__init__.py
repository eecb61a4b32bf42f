"""Pure domain logic: models, rubric, heuristics, scoring, interview flow. No I/O beyond reading rubric files."""
