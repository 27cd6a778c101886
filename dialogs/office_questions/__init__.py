"""Questions the bot cannot answer go to the office; the office's answer comes back."""
