-- Written after 0001 was edited: it must not run on a database that applied 0001 as it was.
CREATE TABLE probe_later (id INT NOT NULL PRIMARY KEY);
