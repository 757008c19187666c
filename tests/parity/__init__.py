"""Client/server rule parity (issue 9): the same verdict from both sides."""
