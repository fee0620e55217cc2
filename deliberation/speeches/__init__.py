"""The checker's feedback on a deputy's remarks, and the deliberation speech (审议发言) they
compose from them as a draft of the proposals engine (genre "deliberation")."""
