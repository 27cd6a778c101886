"""Members' questions: who sits where, the next meetings, and procedure from the documents."""
