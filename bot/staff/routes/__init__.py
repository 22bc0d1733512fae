"""The console's API routes, by group; each module adds its routes to the console's blueprint."""
