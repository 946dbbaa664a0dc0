"""Generates a ticket-triage training file in OpenAI's chat format (JSONL).

Every line carries the same system prompt (as real datasets do), a made-up support ticket and
the queue it belongs to. Deterministic for a given seed.

    python3 scripts/gen_dataset.py OUT.jsonl EXAMPLES [SEED]
    python3 scripts/gen_dataset.py OUT.jsonl 100MB [SEED]      # examples until the file is 100 MB

`scenarios/data/ticket-triage.jsonl` is `gen_dataset.py ... 240 7`. Files of more than 1,000
examples (the data-check benchmark's, scripts/bench-data.sh) are unique line by line: each
ticket gets a reference and a customer's account of a few sentences with its own numbers, so
about a third of each line is text seen nowhere else and the rest is the shared system prompt.
"""

import json
import random
import sys

QUEUES = {
    "shipping": ["my parcel has not arrived", "the tracking number does not work", "delivery is late again"],
    "billing": ["I was charged twice", "the invoice total is wrong", "please send a VAT invoice"],
    "refunds": ["I want my money back", "the refund has not reached my card", "how long does a refund take"],
    "returns": ["how do I send this back", "the return label is missing", "can I return an opened box"],
    "account": ["I cannot log in", "please change my email address", "my password reset link expired"],
    "privacy": ["delete all my data", "what data do you keep about me", "unsubscribe me from everything"],
    "damaged": ["the item arrived broken", "the screen is cracked", "the box was crushed"],
    "wrong-item": ["I received the wrong colour", "this is not what I ordered", "one item is missing"],
    "warranty": ["it stopped working after a month", "is this covered by warranty", "the battery died"],
    "product-question": ["is this compatible with my phone", "what size should I pick", "does it come with a charger"],
    "pricing": ["why did the price go up", "do you price match", "is there a student discount"],
    "orders": ["please cancel my order", "can I change the address on my order", "I want to add an item"],
    "complaints": ["your courier was rude", "this is the third time I write", "I want to speak to a manager"],
    "other": ["do you have a shop in Lyon", "are you hiring", "I love your products"],
}

SYSTEM = (
    "You are the triage assistant of an online shop. Read the customer's ticket and answer with "
    "exactly one queue name from this list: " + ", ".join(QUEUES) + ". Answer with the queue "
    "name only, in lower case, with no punctuation. If a ticket fits several queues, pick the one "
    "that needs action first: damaged and wrong items before refunds, refunds before billing, "
    "account and privacy requests before anything else. Never answer the customer directly."
)

OPENERS = ["Hello,", "Hi there,", "Dear support,", "Good morning,", "Hey,", ""]
CLOSERS = ["Thanks.", "Regards, Sam", "Please help!", "Order 48213.", "Thank you in advance.", ""]
FILLER = [
    "I ordered last week.", "This is urgent.", "I have been a customer for years.",
    "I already tried the app.", "My order number is in the email.", "It was a gift.",
]


def ticket(rng, phrase):
    parts = [rng.choice(OPENERS), phrase[0].upper() + phrase[1:] + ".", rng.choice(FILLER)]
    if rng.random() < 0.5:
        parts.append(rng.choice(FILLER))
    parts.append(rng.choice(CLOSERS))
    return " ".join(p for p in parts if p)


STORY = [
    "I paid {n} euros on the {d}th and nothing has happened since.",
    "The courier came at {h} o'clock but nobody rang the bell.",
    "Your colleague promised a call back within {n} hours.",
    "I have attached {d} photos of the label and the box.",
    "My neighbour at number {n} received a parcel that looks like mine.",
    "The app shows status code {n} and then closes.",
    "I tried again on {d} different days with the same result.",
    "The total on the receipt says {n}.{d} but the bank took more.",
]
WORDS = ["blue", "kettle", "monday", "voucher", "cable", "lamp", "ticket", "jacket", "yellow", "router"]


def story(rng):
    """A few sentences with their own numbers: the unique part of a large file's line."""
    sentences = [
        rng.choice(STORY).format(n=rng.randrange(10, 100000), d=rng.randrange(1, 29), h=rng.randrange(7, 21))
        for _ in range(rng.randrange(2, 6))
    ]
    sentences.append("Item: " + " ".join(rng.choice(WORDS) for _ in range(rng.randrange(2, 6))) + ".")
    return " ".join(sentences)


def main():
    out, size = sys.argv[1], sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    queues = list(QUEUES)
    if size.upper().endswith("MB"):
        n, limit = None, int(float(size[:-2]) * 1_000_000)
    else:
        n, limit = int(size), None
    written = 0
    i = 0
    with open(out, "w", encoding="utf-8") as f:
        while (n is None and written < limit) or (n is not None and i < n):
            q = queues[i % len(queues)]
            text = ticket(rng, rng.choice(QUEUES[q]))
            if n is None or n > 1000:
                # Large files: unique tickets, as the benchmark asks.
                text += f" {story(rng)} (ref {i:08d}-{rng.randrange(10**6):06d})"
            line = {
                "messages": [
                    {"role": "system", "content": SYSTEM},
                    {"role": "user", "content": text},
                    {"role": "assistant", "content": q},
                ]
            }
            text = json.dumps(line, ensure_ascii=False) + "\n"
            f.write(text)
            written += len(text.encode("utf-8"))
            i += 1


main()
