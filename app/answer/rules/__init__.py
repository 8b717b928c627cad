"""The wording rules :mod:`app.answer.signals` reads a customer message with (all on normalised text)."""
