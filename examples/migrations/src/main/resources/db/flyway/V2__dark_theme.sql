UPDATE settings SET setting_value = 'dark' WHERE name = 'theme';
