"""The mock vote on livelihood projects (民生实事项目代表票决) held as group study: the count
(`tally`), writes (`services`), reads (`selectors`), and the deputies' and staff's pages."""
