"""Full screens: the main list and each view or task opened from it (.tcss beside each)."""
