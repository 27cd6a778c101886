"""The office's survey in chat: rounds, one card per person, reminders, anonymous results."""
