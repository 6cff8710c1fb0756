#!/usr/bin/env python3
"""Writes data/bike_rentals.csv: a small, made-up regression data set for lesson 3 (300 days).

Each row is one day at an imaginary city bike-share scheme: the weather and the length of the day (the
features), and how many bikes were hired (the target). The numbers are invented by the formulas below, with a
fixed seed, so running this script again writes the same file byte for byte.

    /usr/bin/python3 data/make_dataset.py            (Debian: apt-get install -y python3-numpy)

The features are on very different scales on purpose (tens of degrees, tens of percent, tens of km/h, hundreds
of minutes; the target in thousands), so that the lesson has a reason to scale them.
"""

import csv
import math
import pathlib

import numpy as np

ROWS = 300
SEED = 2024
OUT = pathlib.Path(__file__).resolve().parent / "bike_rentals.csv"


def make_days(rng):
    """One row per day: features first, the target last."""
    day = rng.integers(1, 366, size=ROWS)  # day of the year, in random order
    season = np.sin(2 * math.pi * (day - 80) / 365)  # +1 at midsummer, -1 at midwinter

    # Minutes of daylight at about 50 degrees north: about 8 hours in December, 16.5 in June.
    daylight_min = np.round(735 + 255 * season)
    # Daily mean temperature: seasonal (lagging the daylight by a month), plus weather.
    temperature_c = np.round(11 + 11 * np.sin(2 * math.pi * (day - 110) / 365) + rng.normal(0, 4, ROWS), 1)
    # Humidity: higher on cool days, plus weather.
    humidity_pct = np.round(np.clip(72 - 0.9 * (temperature_c - 11) + rng.normal(0, 11, ROWS), 20, 100))
    # Wind: mostly light, sometimes strong.
    wind_kmh = np.round(np.clip(rng.gamma(2.0, 6.5, ROWS), 0, 70), 1)

    # Hires: most on mild, dry, calm, long days.
    comfort = np.exp(-(((temperature_c - 23) / 10) ** 2))  # 1 at 23 degrees C, falling off either side
    dry = 1 - 0.6 * np.clip((humidity_pct - 65) / 35, 0, 1)  # muggy or rainy days lose up to 60%
    calm = np.clip(1 - 0.015 * wind_kmh, 0.3, 1)  # every km/h of wind costs 1.5%
    rentals = 250 + 5200 * comfort * dry * calm + 2.5 * (daylight_min - 480) + rng.normal(0, 200, ROWS)
    rentals = np.round(np.clip(rentals, 0, None))

    return zip(temperature_c, humidity_pct, wind_kmh, daylight_min, rentals)


def main():
    rng = np.random.default_rng(SEED)
    with OUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["temperature_c", "humidity_pct", "wind_kmh", "daylight_min", "rentals"])
        for temperature, humidity, wind, daylight, rentals in make_days(rng):
            writer.writerow([f"{temperature:.1f}", f"{humidity:.0f}", f"{wind:.1f}", f"{daylight:.0f}", f"{rentals:.0f}"])
    print(f"wrote {ROWS} rows to {OUT}")


if __name__ == "__main__":
    main()
