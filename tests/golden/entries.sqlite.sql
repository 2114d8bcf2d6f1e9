BEGIN TRANSACTION;
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    published TEXT NOT NULL,
    published_from TEXT NOT NULL,
    source TEXT,
    title TEXT,
    url TEXT
);
INSERT INTO "articles" VALUES(1,'000_ed1cbedd21b4813f.txt','2021-08-23','header','Sputnik','CSTO chief warns of long-term civil war in Afghanistan','');
INSERT INTO "articles" VALUES(2,'001_8bc1901eddcf3703.txt','2021-07-07','header','Pravda.ru','Tajikistan asks CSTO to help strengthen the Afghan border','');
INSERT INTO "articles" VALUES(3,'002_9e41d0f38100129b.txt','2021-07-09','header','EurAsian Times','CSTO will immediately consider any attack on Tajikistan, Lavrov says','');
INSERT INTO "articles" VALUES(4,'003_969414e8ff3677b6.txt','2021-08-23','header','TASS','Moscow-led security bloc agrees to step up interaction due to instability in Afghanistan','');
INSERT INTO "articles" VALUES(5,'004_61b43350eca94368.txt','2021-08-23','header','TASS','CSTO chief urges Afghan parties to establish dialogue','');
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    granularity TEXT NOT NULL,
    event TEXT NOT NULL
);
INSERT INTO "entries" VALUES(1,'1996','1996-01-01','1996-12-31','year','It is worthy of note that the 2021 Taliban is different from its 1996 version, as it is no longer a Sunni Pashtun force, but also has ethnic Afghan Tajiks and Uzbeks (40 percent).');
INSERT INTO "entries" VALUES(2,'2001-10','2001-10-01','2001-10-31','month','The US-led NATO contingent launched the war against the Taliban in Afghanistan in October 2001.');
INSERT INTO "entries" VALUES(3,'2003-02-14','2003-02-14','2003-02-14','day','On February 14, 2003, the Russian Supreme Court declared the Taliban to be a terrorist organization and its activities are outlawed nationwide.');
INSERT INTO "entries" VALUES(4,'2011','2011-01-01','2011-12-31','year','At the peak of the war in 2011, the United States had a 30,000-strong contingent in the country.');
INSERT INTO "entries" VALUES(5,'2013-09-23','2013-09-23','2013-09-23','day','"In this context, the need to ensure the implementation of the decision of the Collective Security Council from September 23, 2013 "On assistance to the Republic of Tajikistan in strengthening the Tajik-Afghan border” remains actual.');
INSERT INTO "entries" VALUES(6,'2021','2021-01-01','2021-12-31','year','It is worthy of note that the 2021 Taliban is different from its 1996 version, as it is no longer a Sunni Pashtun force, but also has ethnic Afghan Tajiks and Uzbeks (40 percent).');
INSERT INTO "entries" VALUES(7,'2021','2021-01-01','2021-12-31','year','This year Tajikistan is chairing the group.');
INSERT INTO "entries" VALUES(8,'2021-05','2021-05-01','2021-05-31','month','Violence has been on the rise in Afghanistan ever since international troops began to withdraw in May.');
INSERT INTO "entries" VALUES(9,'2021-06','2021-06-01','2021-06-30','month','In June, the Taliban seized 700 Hummer trucks from Afghan security forces, as well as dozens of armored personnel carriers and artillery systems, MANPADS, Forbes reported.');
INSERT INTO "entries" VALUES(10,'2021-07-04/2021-07-05','2021-07-04','2021-07-05','range','More than 1,000 servicemen from Afghanistan retreated to the territory of Tajikistan on July 4-5 overnight to save their lives, Khovar agency reported, citing Tajikistan border service.');
INSERT INTO "entries" VALUES(11,'2021-W27','2021-07-05','2021-07-11','week','Meanwhile, Tajikistan said it has returned 280 Afghan soldiers back to Afghanistan after they crossed the border this week to escape the militant onslaught, a source in the Tajik national security agency told Sputnik.');
INSERT INTO "entries" VALUES(12,'2021-07-08','2021-07-08','2021-07-08','day','The Collective Security Treaty Organization (CSTO) will immediately consider any attack on Tajikistan from the territory of Afghanistan, Russian Foreign Minister Sergey Lavrov said on Thursday.');
INSERT INTO "entries" VALUES(13,'2021-07-08','2021-07-08','2021-07-08','day','“They captured the Wakhan district center of Badakhshan [province], the Qadis district center of Badghis, and Badpakh district center of Laghman last night and this morning,” Mujahid said.');
INSERT INTO "entries" VALUES(14,'2021-07-08','2021-07-08','2021-07-08','day','Washington hosted on Thursday a Tajik delegation, led by Foreign Minister Sirojiddin Muhriddin, for the 8th annual bilateral consultations.');
INSERT INTO "entries" VALUES(15,'2021-07-08','2021-07-08','2021-07-08','day','The delegations discussed issues related to security and law enforcement, human rights, and energy and the economy,” the state department said late on Thursday.');
INSERT INTO "entries" VALUES(16,'2021-07-09','2021-07-09','2021-07-09','day','The Taliban and the Afghan government started a new peace negotiation in Tehran earlier in the day.');
INSERT INTO "entries" VALUES(17,'2021-07-09','2021-07-09','2021-07-09','day','“They captured the Wakhan district center of Badakhshan [province], the Qadis district center of Badghis, and Badpakh district center of Laghman last night and this morning,” Mujahid said.');
INSERT INTO "entries" VALUES(18,'2021-08-15','2021-08-15','2021-08-15','day','The Taliban seized power in Afghanistan on 15 August, causing the US-backed civilian government to fall.');
INSERT INTO "entries" VALUES(19,'2021-08-23','2021-08-23','2021-08-23','day','There are concerns that resistance to the Taliban* movement may result in a long-term civil war in Afghanistan, Stanislav Zas, the secretary general of the Collective Security Treaty Organization (CSTO), said on 23 August .');
INSERT INTO "entries" VALUES(20,'2021-08-23','2021-08-23','2021-08-23','day','"As for the joint protection of the state border, today, the Tajik border guards, the armed forces [of Tajikistan] are quite closely monitoring the current situation on this border, the border between Tajikistan and Afghanistan.');
INSERT INTO "entries" VALUES(21,'2021-08-23','2021-08-23','2021-08-23','day','Earlier in the day, Telegram channel Herat Times reported, citing a source, that resistance forces delivered arms to Panjshir from Tajiklistan.');
INSERT INTO "entries" VALUES(22,'2021-08-23','2021-08-23','2021-08-23','day','Member-state leaders of the Collective Security Treaty Organization (CSTO) concurred on ramping up cooperation due to the deteriorating situation in Afghanistan during an emergency session by the CSTO Collective Security Council held via video conference on Monday, the press service of Tajik President Emomali Rahmon reported following the meeting.');
INSERT INTO "entries" VALUES(23,'2021-08-23','2021-08-23','2021-08-23','day','So everything should be done in order to avoid this confrontation," he said at an online briefing on Monday.');
INSERT INTO "entries" VALUES(24,'2021-09-11','2021-09-11','2021-09-11','day','The operation is to be completed by September 11, 2021.');
INSERT INTO "entries" VALUES(25,'2021-09-16','2021-09-16','2021-09-16','day','Earlier on Monday, the press service of Kazakh President Kassym-Jomart Tokayev reported that the next session of the CSTO Collective Security Council would be held in the Tajik capital on September 16.');
CREATE TABLE entry_mentions (
    entry_id INTEGER NOT NULL REFERENCES entries(id),
    mention_id INTEGER NOT NULL REFERENCES mentions(id),
    PRIMARY KEY (entry_id, mention_id)
);
INSERT INTO "entry_mentions" VALUES(1,1);
INSERT INTO "entry_mentions" VALUES(2,2);
INSERT INTO "entry_mentions" VALUES(3,3);
INSERT INTO "entry_mentions" VALUES(4,4);
INSERT INTO "entry_mentions" VALUES(5,5);
INSERT INTO "entry_mentions" VALUES(6,6);
INSERT INTO "entry_mentions" VALUES(7,7);
INSERT INTO "entry_mentions" VALUES(8,8);
INSERT INTO "entry_mentions" VALUES(9,9);
INSERT INTO "entry_mentions" VALUES(10,10);
INSERT INTO "entry_mentions" VALUES(11,11);
INSERT INTO "entry_mentions" VALUES(12,12);
INSERT INTO "entry_mentions" VALUES(13,13);
INSERT INTO "entry_mentions" VALUES(14,14);
INSERT INTO "entry_mentions" VALUES(15,15);
INSERT INTO "entry_mentions" VALUES(16,16);
INSERT INTO "entry_mentions" VALUES(17,17);
INSERT INTO "entry_mentions" VALUES(18,18);
INSERT INTO "entry_mentions" VALUES(18,19);
INSERT INTO "entry_mentions" VALUES(18,20);
INSERT INTO "entry_mentions" VALUES(19,21);
INSERT INTO "entry_mentions" VALUES(20,22);
INSERT INTO "entry_mentions" VALUES(21,23);
INSERT INTO "entry_mentions" VALUES(22,24);
INSERT INTO "entry_mentions" VALUES(22,25);
INSERT INTO "entry_mentions" VALUES(23,26);
INSERT INTO "entry_mentions" VALUES(24,27);
INSERT INTO "entry_mentions" VALUES(25,28);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    expression TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    date TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    granularity TEXT NOT NULL,
    sentence TEXT NOT NULL
);
INSERT INTO "mentions" VALUES(1,2,'1996',4244,4248,'1996','1996-01-01','1996-12-31','year','It is worthy of note that the 2021 Taliban is different from its 1996 version, as it is no longer a Sunni Pashtun force, but also has ethnic Afghan Tajiks and Uzbeks (40 percent).');
INSERT INTO "mentions" VALUES(2,2,'October 2001',2224,2236,'2001-10','2001-10-01','2001-10-31','month','The US-led NATO contingent launched the war against the Taliban in Afghanistan in October 2001.');
INSERT INTO "mentions" VALUES(3,5,'February 14, 2003',1864,1881,'2003-02-14','2003-02-14','2003-02-14','day','On February 14, 2003, the Russian Supreme Court declared the Taliban to be a terrorist organization and its activities are outlawed nationwide.');
INSERT INTO "mentions" VALUES(4,2,'2011',2391,2395,'2011','2011-01-01','2011-12-31','year','At the peak of the war in 2011, the United States had a 30,000-strong contingent in the country.');
INSERT INTO "mentions" VALUES(5,2,'September 23, 2013',652,670,'2013-09-23','2013-09-23','2013-09-23','day','"In this context, the need to ensure the implementation of the decision of the Collective Security Council from September 23, 2013 "On assistance to the Republic of Tajikistan in strengthening the Tajik-Afghan border” remains actual.');
INSERT INTO "mentions" VALUES(6,2,'2021',4209,4213,'2021','2021-01-01','2021-12-31','year','It is worthy of note that the 2021 Taliban is different from its 1996 version, as it is no longer a Sunni Pashtun force, but also has ethnic Afghan Tajiks and Uzbeks (40 percent).');
INSERT INTO "mentions" VALUES(7,4,'This year',2188,2197,'2021','2021-01-01','2021-12-31','year','This year Tajikistan is chairing the group.');
INSERT INTO "mentions" VALUES(8,3,'May',3929,3932,'2021-05','2021-05-01','2021-05-31','month','Violence has been on the rise in Afghanistan ever since international troops began to withdraw in May.');
INSERT INTO "mentions" VALUES(9,2,'June',4781,4785,'2021-06','2021-06-01','2021-06-30','month','In June, the Taliban seized 700 Hummer trucks from Afghan security forces, as well as dozens of armored personnel carriers and artillery systems, MANPADS, Forbes reported.');
INSERT INTO "mentions" VALUES(10,2,'July 4-5',1398,1406,'2021-07-04/2021-07-05','2021-07-04','2021-07-05','range','More than 1,000 servicemen from Afghanistan retreated to the territory of Tajikistan on July 4-5 overnight to save their lives, Khovar agency reported, citing Tajikistan border service.');
INSERT INTO "mentions" VALUES(11,3,'this week',4168,4177,'2021-W27','2021-07-05','2021-07-11','week','Meanwhile, Tajikistan said it has returned 280 Afghan soldiers back to Afghanistan after they crossed the border this week to escape the militant onslaught, a source in the Tajik national security agency told Sputnik.');
INSERT INTO "mentions" VALUES(12,3,'Thursday',184,192,'2021-07-08','2021-07-08','2021-07-08','day','The Collective Security Treaty Organization (CSTO) will immediately consider any attack on Tajikistan from the territory of Afghanistan, Russian Foreign Minister Sergey Lavrov said on Thursday.');
INSERT INTO "mentions" VALUES(13,3,'last night',3123,3133,'2021-07-08','2021-07-08','2021-07-08','day','“They captured the Wakhan district center of Badakhshan [province], the Qadis district center of Badghis, and Badpakh district center of Laghman last night and this morning,” Mujahid said.');
INSERT INTO "mentions" VALUES(14,3,'Thursday',4994,5002,'2021-07-08','2021-07-08','2021-07-08','day','Washington hosted on Thursday a Tajik delegation, led by Foreign Minister Sirojiddin Muhriddin, for the 8th annual bilateral consultations.');
INSERT INTO "mentions" VALUES(15,3,'Thursday',5864,5872,'2021-07-08','2021-07-08','2021-07-08','day','The delegations discussed issues related to security and law enforcement, human rights, and energy and the economy,” the state department said late on Thursday.');
INSERT INTO "mentions" VALUES(16,3,'earlier in the day',2958,2976,'2021-07-09','2021-07-09','2021-07-09','day','The Taliban and the Afghan government started a new peace negotiation in Tehran earlier in the day.');
INSERT INTO "mentions" VALUES(17,3,'this morning',3138,3150,'2021-07-09','2021-07-09','2021-07-09','day','“They captured the Wakhan district center of Badakhshan [province], the Qadis district center of Badghis, and Badpakh district center of Laghman last night and this morning,” Mujahid said.');
INSERT INTO "mentions" VALUES(18,1,'15 August',1902,1911,'2021-08-15','2021-08-15','2021-08-15','day','The Taliban seized power in Afghanistan on 15 August, causing the US-backed civilian government to fall.');
INSERT INTO "mentions" VALUES(19,4,'August 15',2482,2491,'2021-08-15','2021-08-15','2021-08-15','day','On August 15, Taliban fighters swept into Kabul without encountering any resistance, and gained full control over the Afghan capital within a few hours.');
INSERT INTO "mentions" VALUES(20,5,'August 15',1352,1361,'2021-08-15','2021-08-15','2021-08-15','day','On August 15, Taliban fighters swept into Kabul without encountering any resistance, and gained full control over the Afghan capital within a few hours.');
INSERT INTO "mentions" VALUES(21,1,'23 August',231,240,'2021-08-23','2021-08-23','2021-08-23','day','There are concerns that resistance to the Taliban* movement may result in a long-term civil war in Afghanistan, Stanislav Zas, the secretary general of the Collective Security Treaty Organization (CSTO), said on 23 August .');
INSERT INTO "mentions" VALUES(22,1,'today',764,769,'2021-08-23','2021-08-23','2021-08-23','day','"As for the joint protection of the state border, today, the Tajik border guards, the armed forces [of Tajikistan] are quite closely monitoring the current situation on this border, the border between Tajikistan and Afghanistan.');
INSERT INTO "mentions" VALUES(23,1,'Earlier in the day',1588,1606,'2021-08-23','2021-08-23','2021-08-23','day','Earlier in the day, Telegram channel Herat Times reported, citing a source, that resistance forces delivered arms to Panjshir from Tajiklistan.');
INSERT INTO "mentions" VALUES(24,4,'Monday',634,640,'2021-08-23','2021-08-23','2021-08-23','day','Member-state leaders of the Collective Security Treaty Organization (CSTO) concurred on ramping up cooperation due to the deteriorating situation in Afghanistan during an emergency session by the CSTO Collective Security Council held via video conference on Monday, the press service of Tajik President Emomali Rahmon reported following the meeting.');
INSERT INTO "mentions" VALUES(25,5,'Monday',1157,1163,'2021-08-23','2021-08-23','2021-08-23','day','Earlier on Monday, the press service of Kazakh President Kassym-Jomart Tokayev reported that the next session of the CSTO Collective Security Council would be held in the Tajik capital on September 16.');
INSERT INTO "mentions" VALUES(26,5,'Monday',804,810,'2021-08-23','2021-08-23','2021-08-23','day','So everything should be done in order to avoid this confrontation," he said at an online briefing on Monday.');
INSERT INTO "mentions" VALUES(27,2,'September 11, 2021',1924,1942,'2021-09-11','2021-09-11','2021-09-11','day','The operation is to be completed by September 11, 2021.');
INSERT INTO "mentions" VALUES(28,5,'September 16',1334,1346,'2021-09-16','2021-09-16','2021-09-16','day','Earlier on Monday, the press service of Kazakh President Kassym-Jomart Tokayev reported that the next session of the CSTO Collective Security Council would be held in the Tajik capital on September 16.');
CREATE INDEX articles_published ON articles(published);
CREATE INDEX entries_dates ON entries(start_date, end_date);
CREATE INDEX mentions_dates ON mentions(start_date, end_date);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX entry_mentions_mention ON entry_mentions(mention_id);
COMMIT;
