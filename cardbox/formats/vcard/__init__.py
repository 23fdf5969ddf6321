"""vCard 2.1, 3.0 and 4.0: reading (`parse`, `mapping`) and writing (`write`)."""
