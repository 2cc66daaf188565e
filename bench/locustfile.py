"""A crowd on the town's public pages (`make load`): residents look at the list, search by
area, day and interest, open events and places, in plain and easy Japanese, and calendar apps
fetch the feeds."""

import random
import re

from locust import FastHttpUser, between, task

AREAS = ["", "01", "02", "03"]
WORDS = ["", "将棋", "お茶", "子ども", "野菜", "体操"]


class Resident(FastHttpUser):
    wait_time = between(1, 3)
    events: list[str] = []
    places: list[str] = []

    def on_start(self) -> None:
        page = self.client.get("/public/").text
        type(self).events = sorted(set(re.findall(r"/public/events/([0-9a-f-]{36})/", page)))
        type(self).places = sorted(set(re.findall(r"/public/places/([0-9a-f-]{36})/", page)))

    @task(4)
    def the_list(self) -> None:
        self.client.get("/public/")

    @task(2)
    def a_search(self) -> None:
        params = {"area": random.choice(AREAS), "words": random.choice(WORDS)}  # noqa: S311
        if random.random() < 0.5:  # noqa: S311
            params["weekday"] = str(random.randrange(7))  # noqa: S311
        self.client.get("/public/", params=params, name="/public/?search")

    @task(1)
    def in_easy_japanese(self) -> None:
        self.client.get("/public/yasashii/")

    @task(3)
    def an_event(self) -> None:
        if self.events:
            uuid = random.choice(self.events)  # noqa: S311
            self.client.get(f"/public/events/{uuid}/", name="/public/events/[uuid]/")

    @task(2)
    def a_place(self) -> None:
        if self.places:
            uuid = random.choice(self.places)  # noqa: S311
            self.client.get(f"/public/places/{uuid}/", name="/public/places/[uuid]/")

    @task(2)
    def the_town_feed(self) -> None:
        self.client.get("/public/events.ics")

    @task(1)
    def a_place_feed(self) -> None:
        if self.places:
            uuid = random.choice(self.places)  # noqa: S311
            self.client.get(f"/public/places/{uuid}/events.ics", name="/public/places/[uuid]/ics")
