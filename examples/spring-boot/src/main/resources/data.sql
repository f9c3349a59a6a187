INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France'), ('IT', 'Italy'), ('ES', 'Spain');
INSERT INTO products(name, category, price) VALUES ('Dune', 'books', 9.99), ('Emma', 'books', 7.50),
  ('Go', 'games', 25.00), ('Chess', 'games', 15.00), ('Atlas', 'maps', 30.00), ('Globe', 'maps', 45.00);
