"""`phigate eval`: a labelled synthetic corpus of counselling messages, and the scoring of
the recognizers against it and against real patient messages."""
