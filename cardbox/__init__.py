"""cardbox: business cards from networking events, kept local.

This module imports nothing heavy so that scripted commands start fast.
"""

__version__ = "0.1.0"
