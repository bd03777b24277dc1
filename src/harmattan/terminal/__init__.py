"""What the command line shows a person: tables fitted to the terminal, tab-separated
values for pipes, and progress for long work."""
