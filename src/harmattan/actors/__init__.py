"""Actor dictionary and resolution, with roles dated by the event date."""
