"""The county dashboard, one role a module: the places a user may see (`places`), the figures
counted for them in the database (`figures`), the dashboard of a place built from them
(`selectors`), the same as spreadsheet tables (`tables`), and its pages (`views`, `urls`).
"""
