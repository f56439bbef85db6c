import { NOBODY_SPEAKING, QUIET_AFTER_MS, SWITCH_AFTER_MS, loudest, nextSpeaker, type SpeakerTrack } from './active-speaker';

function run(samples: Array<[number, Record<string, number>]>, from: SpeakerTrack = NOBODY_SPEAKING): SpeakerTrack {
  return samples.reduce(
    (track, [at, levels]) =>
      nextSpeaker(
        track,
        Object.entries(levels).map(([id, level]) => ({ id, level })),
        at,
      ),
    from,
  );
}

describe(loudest.name, () => {
  it('picks the loudest voice above the speaking level', () => {
    expect(
      loudest([
        { id: 'a', level: 0.1 },
        { id: 'b', level: 0.3 },
      ]),
    ).toBe('b');
  });

  it('hears nobody below the speaking level', () => {
    expect(loudest([{ id: 'a', level: 0.01 }])).toBeNull();
  });
});

describe(nextSpeaker.name, () => {
  it('highlights a voice once it has been the loudest for a moment', () => {
    expect(run([[0, { a: 0.2, b: 0 }]]).speaker).toBeNull();
    expect(
      run([
        [0, { a: 0.2, b: 0 }],
        [SWITCH_AFTER_MS, { a: 0.2, b: 0 }],
      ]).speaker,
    ).toBe('a');
  });

  it('does not move the highlight for a voice that is loudest only for an instant', () => {
    const talking = run([
      [0, { a: 0.2, b: 0 }],
      [SWITCH_AFTER_MS, { a: 0.2, b: 0 }],
    ]);
    const blip = run(
      [
        [400, { a: 0.1, b: 0.3 }],
        [500, { a: 0.2, b: 0 }],
        [800, { a: 0.2, b: 0 }],
      ],
      talking,
    );
    expect(blip.speaker).toBe('a');
  });

  it('keeps the highlight through a pause between words, and drops it after a silence', () => {
    const talking = run([
      [0, { a: 0.2 }],
      [SWITCH_AFTER_MS, { a: 0.2 }],
    ]);
    expect(
      run(
        [
          [400, { a: 0 }],
          [900, { a: 0 }],
        ],
        talking,
      ).speaker,
    ).toBe('a');
    expect(
      run(
        [
          [400, { a: 0 }],
          [400 + QUIET_AFTER_MS, { a: 0 }],
        ],
        talking,
      ).speaker,
    ).toBeNull();
  });

  it('drops the highlight at once for someone who left', () => {
    const talking = run([
      [0, { a: 0.2 }],
      [SWITCH_AFTER_MS, { a: 0.2 }],
    ]);
    expect(run([[400, { b: 0 }]], talking).speaker).toBeNull();
  });

  it('returns the same track while nothing changes, so the screen does not render again', () => {
    const talking = run([
      [0, { a: 0.2 }],
      [SWITCH_AFTER_MS, { a: 0.2 }],
    ]);
    expect(nextSpeaker(talking, [{ id: 'a', level: 0.25 }], 700)).toBe(talking);
  });
});
