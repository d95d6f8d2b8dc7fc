/** The queries GraphiQL opens with, one tab each: the README's examples. */
export const GRAPHIQL_EXAMPLES: { title: string; query: string }[] = [
  {
    title: 'Instruments with their owners, platforms and latest grades, from four sources',
    query: `query InstrumentsFromFourSources {
  instruments(first: 20) {
    totalCount
    edges {
      node {
        name
        originalValue
        owner { name creditCode }
        platform { name latestAssessment { year grade } }
      }
    }
  }
}`,
  },
  {
    title: 'External, working instruments over ¥500,000 in Zunyi, by value',
    query: `query WorkingExternalInZunyi {
  instruments(
    first: 50
    filter: { sharingMode: EXTERNAL, status: NORMAL, regionCode: "520300", originalValue: { min: 50 } }
    orderBy: { field: ORIGINAL_VALUE, direction: DESC }
  ) {
    edges { node { name model originalValue owner { name } } }
  }
}`,
  },
  {
    title: 'Search as an SME: salt-spray chambers for aviation, with facets',
    query: `query SearchSaltSpray {
  searchInstruments(text: "盐雾", filter: { industry: AVIATION }, first: 10) {
    totalCount
    edges { relevance node { name model owner { name } feeText } }
    facets {
      classMajor { instrumentClass { code name } count }
      region { region { name } count }
      industry { industry count }
    }
  }
}`,
  },
  {
    title: 'Instrument count and value by prefecture and industry',
    query: `query ValueByPrefectureAndIndustry {
  instrumentStats(groupBy: [REGION, INDUSTRY]) {
    region { name }
    industry
    count
    totalOriginalValue
  }
}`,
  },
  {
    title: 'Grade counts by year and region',
    query: `query GradesByYearAndRegion {
  assessmentStats(groupBy: [YEAR, REGION, GRADE]) {
    year
    region { name }
    grade
    count
    meanTotal
  }
}`,
  },
  {
    title: 'Regions with what they hold',
    query: `query Regions {
  regions {
    name
    administers { name }
    instruments { totalCount }
    platforms { totalCount }
    enterprises { totalCount }
  }
}`,
  },
  {
    title: 'How much the instruments of each region served in 2025 (the 1,600-hour norm)',
    query: `query UtilisationByRegion {
  regions {
    name
    utilisation(year: 2025) {
      instruments
      effectiveHours
      externalHours
      shareRate
      utilisation
      unitsServed
      meanRating
    }
  }
}`,
  },
];
