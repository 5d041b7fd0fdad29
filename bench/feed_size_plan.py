"""A plan file whose whole-plan feed is about KB kilobytes, for bench/http_feed_bench.sh:
one job fair per ~770 bytes of feed, ten to an item, on dates through the year.

    /usr/bin/python3 bench/feed_size_plan.py KB > plans/size-KB.toml
"""

import sys


def main():
    kb = int(sys.argv[1])
    count = max(1, kb * 1024 // 770)
    print(f'[plan]\nid = "size-{kb}"\ntitle = "测试行动方案{kb}"\nissuer = "测试区"\n'
          f'document_number = "测〔2023〕{kb}号"\npublished = 2023-02-13\n'
          'effective_from = 2023-02-13\neffective_until = 2023-12-31\nyear = 2023\n'
          'escalation_unit = "fgw"\n\n[[units]]\nid = "fgw"\nname = "区发改委"')
    def when(i):
        return f"{3 + i % 9}月{1 + i % 28}日"

    for i in range(count):
        if i % 10 == 0:
            item = i // 10
            # The item's text names every date its activities read (the loader checks).
            text = "；".join(f"{when(k)}举办招聘会" for k in range(i, min(i + 10, count)))
            print(f'\n[[items]]\nid = "a{item}"\nkind = "project"\nsection = "一、活动"\n'
                  f'number = "{item + 1}"\ntext = "{text}。"\nunits = ["fgw"]')
        print(f'\n[[items.activities]]\ntitle = "招聘会第{i}场"\ncategory = "job_fair"\n'
              f'when = "{when(i)}"')


if __name__ == "__main__":
    main()
