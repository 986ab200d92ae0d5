"""Word lists and patterns the stages match against, kept apart from the code that uses them."""
