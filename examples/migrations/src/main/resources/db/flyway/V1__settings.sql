CREATE TABLE settings(name VARCHAR(40) PRIMARY KEY, setting_value VARCHAR(100) NOT NULL);
INSERT INTO settings VALUES ('theme', 'light'), ('page_size', '20');
CREATE TABLE features(name VARCHAR(40) PRIMARY KEY, enabled BOOLEAN NOT NULL);
INSERT INTO features VALUES ('search', TRUE);
