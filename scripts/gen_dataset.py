"""Generates a ticket-triage training file in OpenAI's chat format (JSONL).

Every line carries the same system prompt (as real datasets do), a made-up support ticket and
the queue it belongs to. Deterministic for a given seed.

    python3 scripts/gen_dataset.py OUT.jsonl EXAMPLES [SEED]

`scenarios/data/ticket-triage.jsonl` is `gen_dataset.py ... 240 7`; the data-check benchmark
writes a file of about 100 MB with scripts/bench-data.sh.
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


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    queues = list(QUEUES)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            q = queues[i % len(queues)]
            text = ticket(rng, rng.choice(QUEUES[q]))
            if n > 1000:
                # Large files: unique tickets, as the benchmark asks.
                text += f" (ref {i:08d}-{rng.randrange(10**6):06d})"
            line = {
                "messages": [
                    {"role": "system", "content": SYSTEM},
                    {"role": "user", "content": text},
                    {"role": "assistant", "content": q},
                ]
            }
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


main()
