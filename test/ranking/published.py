"""The published data test/ranking reproduces (check_model.py in C,
check_sql.py through SQL).

- BDA3's rat tumours (Gelman et al., Bayesian Data Analysis, 3rd ed.,
  Table 5.1, from Tarone 1982): tumours y of n rats in 71 experiments, as
  distributed with the book
  (http://www.stat.columbia.edu/~gelman/book/data/rats.asc; the same 71
  rows as rat_tumor_data.txt in pymc-devs/pymc-resources, BDA3/).
- Efron & Morris's batting averages (JASA 1975, Table 1): 18 players' hits
  in their first 45 at-bats (the same numbers as R's pscl::EfronMorris).
"""
RATS_Y = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 3, 2, 2, 2, 2, 2,
          2, 2, 2, 2, 1, 5, 2, 5, 2, 7, 7, 3, 3, 2, 9, 10, 4, 4, 4, 4, 4, 4, 4, 10, 4, 4, 4,
          5, 11, 12, 5, 5, 6, 5, 6, 6, 6, 6, 16, 15, 15, 9, 4]
RATS_N = [20, 20, 20, 20, 20, 20, 20, 19, 19, 19, 19, 18, 18, 17, 20, 20, 20, 20, 19, 19,
          18, 18, 27, 25, 24, 23, 20, 20, 20, 20, 20, 20, 10, 49, 19, 46, 17, 49, 47, 20,
          20, 13, 48, 50, 20, 20, 20, 20, 20, 20, 20, 48, 19, 19, 19, 22, 46, 49, 20, 20,
          23, 19, 22, 20, 20, 20, 52, 46, 47, 24, 14]
# hits in the first 45 at-bats: Clemente, F. Robinson, Howard, Johnstone, Berry,
# Spencer, Kessinger, Alvarado, Santo, Swoboda, Unser, Williams, Scott,
# Petrocelli, Rodriguez, Campaneris, Munson, Alvis
BASEBALL_HITS = [18, 17, 16, 15, 14, 14, 13, 12, 11, 11, 10, 10, 10, 10, 10, 9, 8, 7]
