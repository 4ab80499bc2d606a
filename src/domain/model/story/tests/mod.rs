use super::*;

#[test]
fn scores() {
    let rice = Rice { reach: 100.0, impact: 2.0, confidence: 0.5, effort: 4.0 };
    assert_eq!(rice.score(), Some(25.0));
    assert_eq!(Rice { effort: 0.0, ..rice }.score(), None);
    let wsjf = Wsjf { business_value: 8.0, time_criticality: 5.0, risk_reduction: 3.0, job_size: 4.0 };
    assert_eq!(wsjf.score(), Some(4.0));
    assert_eq!(Moscow::parse("Won't"), Some(Moscow::Wont));
    assert_eq!(Moscow::parse("m"), Some(Moscow::Must));
    assert_eq!(Moscow::parse("maybe"), None);
}
