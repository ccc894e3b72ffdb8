"""What comes back: importing interviews and articles, updating an interview from a corrected
article, a reviewer's marks."""
