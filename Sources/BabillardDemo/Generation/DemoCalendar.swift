import BabillardCore

/// The demo's year: twelve months ending at `now`, in Montréal time, with the rhythms a
/// neighbourhood bakery sees (mornings and lunch, busy weekends, closed on Mondays, the
/// holidays), a growth trend, and one bad week of delivery problems.
///
/// Activity is an hourly intensity over the year; item times are drawn from its inverse
/// cumulative distribution, so that the requested number of items always fills the year.
struct DemoCalendar: Sendable {
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000
    static let week: Int64 = 7 * day
    static let binCount = 365 * 24

    let now: Int64
    let start: Int64
    /// Cumulative normalised intensity per hour from `start`; `binCount + 1` entries, 0 … 1.
    let cumulative: [Double]
    /// Monday 00:00 local of the bad week, and the Monday after.
    let spikeStart: Int64
    let spikeEnd: Int64
    /// When the bakery starts its referral programme (codes like MELISSE-ANNA123).
    let referralLaunch: Int64
    /// UTC instants where daylight saving time starts and ends, in pairs.
    private let daylightSaving: [(start: Int64, end: Int64)]

    init(now: Int64, seed: UInt64) {
        self.now = now
        self.start = now - 365 * Self.day
        let startYear = CivilCalendar.components(epochMilliseconds: start, offsetMinutes: 0).year
        let endYear = CivilCalendar.components(epochMilliseconds: now, offsetMinutes: 0).year
        daylightSaving = (startYear - 1...endYear + 1).map(Self.easternDaylightSaving(year:))

        // The bad week: between two and seven months ago, from a Monday.
        let daysAgo = 60 + Int64(SplitMix64.hash(seed, 0x5EED_5B1C) % 150)
        spikeStart = Self.localMonday(before: now - daysAgo * Self.day, daylightSaving: daylightSaving)
        spikeEnd = spikeStart + Self.week
        referralLaunch = start + 95 * Self.day + 10 * Self.hour

        var cumulative = [Double](repeating: 0, count: Self.binCount + 1)
        var total = 0.0
        for bin in 0..<Self.binCount {
            let middle = start + Int64(bin) * Self.hour + Self.hour / 2
            total += Self.intensity(
                at: middle, dayIndex: bin / 24, spikeStart: spikeStart, daylightSaving: daylightSaving)
            cumulative[bin + 1] = total
        }
        for bin in 1...Self.binCount { cumulative[bin] /= total }
        cumulative[Self.binCount] = 1
        self.cumulative = cumulative
    }

    // MARK: - Local time

    /// Montréal's offset from UTC in minutes at an instant: −240 in summer, −300 in winter.
    func offsetMinutes(at ms: Int64) -> Int {
        Self.offsetMinutes(at: ms, daylightSaving: daylightSaving)
    }

    func local(_ ms: Int64) -> CivilCalendar.Components {
        CivilCalendar.components(epochMilliseconds: ms, offsetMinutes: offsetMinutes(at: ms))
    }

    /// Hour of day in Montréal, with a fraction.
    func localHour(_ ms: Int64) -> Double {
        let local = ms + Int64(offsetMinutes(at: ms)) * 60_000
        var msOfDay = local % Self.day
        if msOfDay < 0 { msOfDay += Self.day }
        return Double(msOfDay) / Double(Self.hour)
    }

    /// How bad the bad week is at an instant: 0 outside, up to 1 on its worst day.
    func spikeLevel(at ms: Int64) -> Double {
        guard ms >= spikeStart && ms < spikeEnd else { return 0 }
        return Self.spikeShape[Int((ms - spikeStart) / Self.day)]
    }

    /// The shop is open Tuesday to Sunday, 7 h to 18 h.
    func isOpen(_ ms: Int64) -> Bool {
        let hour = localHour(ms)
        return hour >= 7 && hour < 18 && local(ms).weekday != 1
    }

    /// Moves an instant that falls in the night (1 h – 6 h local) to the next morning with some
    /// probability: people answer and share when they are awake.
    func awake(_ ms: Int64, random: inout DemoRandom) -> Int64 {
        let hour = localHour(ms)
        guard hour >= 1 && hour < 6, random.chance(0.8) else { return ms }
        let toMorning = (6.5 - hour) * Double(Self.hour)
        return ms + Int64(toMorning) + Int64(random.unit() * 2.5 * Double(Self.hour))
    }

    // MARK: - Intensity

    /// Mon … Sun. Monday is quiet (the shop is closed), weekends are busy.
    private static let weekdayWeight: [Double] = [0.72, 0.86, 0.9, 0.95, 1.1, 1.5, 1.35]
    /// Hour 0 … 23 local: breakfast, lunch and the evening scroll.
    private static let hourWeight: [Double] = [
        0.16, 0.07, 0.04, 0.03, 0.03, 0.08, 0.35, 0.95, 1.35, 1.2, 1.0, 1.0,
        1.25, 1.1, 0.85, 0.85, 0.9, 0.95, 0.95, 1.0, 1.05, 0.9, 0.6, 0.33,
    ]
    /// January … December: king cakes, maple season, summer holidays, the holidays.
    private static let monthWeight: [Double] = [1.15, 0.9, 1.0, 1.1, 1.0, 1.05, 0.88, 0.85, 1.0, 1.05, 1.0, 1.35]
    /// Day 0 … 6 of the bad week: problems start on Monday and peak midweek.
    static let spikeShape: [Double] = [0.35, 0.8, 1.0, 0.9, 0.6, 0.35, 0.2]

    private static func intensity(
        at ms: Int64, dayIndex: Int, spikeStart: Int64, daylightSaving: [(start: Int64, end: Int64)]
    ) -> Double {
        let c = CivilCalendar.components(
            epochMilliseconds: ms, offsetMinutes: offsetMinutes(at: ms, daylightSaving: daylightSaving))
        // Growth: the audience grows about 2.5× over the year.
        let trend = 0.55 + 0.85 * Double(dayIndex) / 365 + 0.3 * (Double(dayIndex) / 365) * (Double(dayIndex) / 365)
        var weight = trend * weekdayWeight[c.weekday - 1] * hourWeight[c.hour] * monthWeight[c.month - 1]
        switch (c.month, c.day) {
        case (12, 20...24): weight *= 1.6  // bûches and tourtières
        case (1, 3...8): weight *= 1.3  // galette des rois
        case (2, 13...14): weight *= 1.4  // Saint-Valentin
        case (6, 24): weight *= 0.6  // Fête nationale: closed, people are out
        default: break
        }
        if ms >= spikeStart && ms < spikeStart + week {
            weight *= 1 + 4.0 * spikeShape[Int((ms - spikeStart) / day)]
        }
        return weight
    }

    // MARK: - Daylight saving time (Eastern: second Sunday of March to first Sunday of November)

    private static func offsetMinutes(at ms: Int64, daylightSaving: [(start: Int64, end: Int64)]) -> Int {
        for range in daylightSaving where ms >= range.start && ms < range.end { return -240 }
        return -300
    }

    private static func easternDaylightSaving(year: Int) -> (start: Int64, end: Int64) {
        func sunday(month: Int, nth: Int) -> Int64 {
            let first = CivilCalendar.daysFromCivil(year: year, month: month, day: 1)
            var weekday = (first + 3) % 7  // 0 = Monday
            if weekday < 0 { weekday += 7 }
            let firstSunday = first + (6 - weekday)
            return firstSunday + Int64(7 * (nth - 1))
        }
        // 2:00 local: 07:00 UTC in March (EST), 06:00 UTC in November (EDT).
        return (sunday(month: 3, nth: 2) * day + 7 * hour, sunday(month: 11, nth: 1) * day + 6 * hour)
    }

    private static func localMonday(before ms: Int64, daylightSaving: [(start: Int64, end: Int64)]) -> Int64 {
        let offset = Int64(offsetMinutes(at: ms, daylightSaving: daylightSaving)) * 60_000
        let localDays = (ms + offset) / day
        var weekday = (localDays + 3) % 7  // 0 = Monday
        if weekday < 0 { weekday += 7 }
        let mondayLocalMidnight = (localDays - weekday) * day
        let mondayOffset = Int64(offsetMinutes(at: mondayLocalMidnight - offset, daylightSaving: daylightSaving)) * 60_000
        return mondayLocalMidnight - mondayOffset
    }
}

/// Hands out the times of new threads, in order, following the calendar's intensity.
///
/// If `R` threads remain, they are `R` points drawn from the intensity over what is left of
/// the year, and the next one is the first of them: `1 − (1 − U)·e^(−E/R)` in the cumulative
/// intensity, with `E` exponential. `R` is re-estimated before each thread from the items
/// still to generate and the mean thread size, so a cascade of hundreds slows the following
/// threads a little all the way to the end, instead of leaving a hole after it, and the last
/// thread falls just before `now` whatever the sizes drawn.
struct ThreadClock {
    /// Position in the cumulative intensity, 0 … 1.
    private(set) var position = 0.0
    private var cursor = 0

    /// The time at the current position.
    mutating func time(in calendar: DemoCalendar) -> Int64 {
        let c = calendar.cumulative
        while cursor < DemoCalendar.binCount - 1 && c[cursor + 1] <= position { cursor += 1 }
        let width = c[cursor + 1] - c[cursor]
        let fraction = width > 0 ? min(max((position - c[cursor]) / width, 0), 0.999_999) : 0
        let t = calendar.start + Int64((Double(cursor) + fraction) * Double(DemoCalendar.hour))
        return min(t, calendar.now - 1000)
    }

    /// Moves to the next thread when about `remainingThreads` are left.
    mutating func advance(remainingThreads: Double, random: inout DemoRandom) {
        position = 1 - (1 - position) * DemoMath.exp(-random.exponential(mean: 1) / max(remainingThreads, 1))
    }
}
