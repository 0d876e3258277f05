/* guild-generate.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-generate"

#include "config.h"

#include <math.h>
#include <string.h>

#include "guild-generate.h"
#include "guild-records.h"
#include "guild-store.h"
#include "guild-vocab.h"

/* Sample data for demos and benchmarks: the network of someone moving into
 * data, product or design work, half in Russian and half in English.
 *
 * One GRand seeded with the options' seed is the only source of chance, and
 * every draw happens in a fixed order, so a seed and a reference day always
 * give the same records. Nothing here reads the clock except to find today
 * when no reference day is given, and event UIDs are made from the seed
 * rather than from g_uuid_string_random().
 *
 * Everything goes through guild_store_add() inside one bulk transaction
 * (guild_store_begin_bulk()), so the generator needs no SQL of its own and a
 * failure or a cancel leaves the database untouched. The hot loops reuse one
 * record object and set its fields by index: a million activities must take
 * seconds, not minutes.
 */

/* Activities fill this many days before the reference day. */
#define HISTORY_DAYS 730
/* Events run from this many days before the reference day … */
#define EVENTS_BEFORE_DAYS 548
/* … to this many after it. */
#define EVENTS_AFTER_DAYS 182
/* The user is taken to live at UTC+3 (Moscow, which has no daylight saving
 * time) when activities get their hour of the day. */
#define USER_UTC_OFFSET (3 * 3600)
/* How many rows between two checks of the cancellable. */
#define CANCEL_CHECK_EVERY 256

/* Section: word lists */

typedef struct
{
  const char *en;
  const char *ru;
  const char *tzid;
  gboolean    russian;
} City;

static const City cities[] = {
  { "Moscow", "Москва", "Europe/Moscow", TRUE },
  { "Saint Petersburg", "Санкт-Петербург", "Europe/Moscow", TRUE },
  { "Novosibirsk", "Новосибирск", "Asia/Novosibirsk", TRUE },
  { "Yekaterinburg", "Екатеринбург", "Asia/Yekaterinburg", TRUE },
  { "Kazan", "Казань", "Europe/Moscow", TRUE },
  { "Nizhny Novgorod", "Нижний Новгород", "Europe/Moscow", TRUE },
  { "Tbilisi", "Тбилиси", "Asia/Tbilisi", TRUE },
  { "Belgrade", "Белград", "Europe/Belgrade", TRUE },
  { "Yerevan", "Ереван", "Asia/Yerevan", TRUE },
  { "Almaty", "Алматы", "Asia/Almaty", TRUE },
  { "Berlin", "Берлин", "Europe/Berlin", FALSE },
  { "London", "Лондон", "Europe/London", FALSE },
  { "Amsterdam", "Амстердам", "Europe/Amsterdam", FALSE },
  { "New York", "Нью-Йорк", "America/New_York", FALSE },
  { "San Francisco", "Сан-Франциско", "America/Los_Angeles", FALSE },
  { "Toronto", "Торонто", "America/Toronto", FALSE },
  { "Lisbon", "Лиссабон", "Europe/Lisbon", FALSE },
  { "Warsaw", "Варшава", "Europe/Warsaw", FALSE },
  { "Dublin", "Дублин", "Europe/Dublin", FALSE },
  { "Munich", "Мюнхен", "Europe/Berlin", FALSE },
};

/* Where Russian-speaking contacts live; weights favour the capitals. */
static const guint ru_city_weights[] = { 40, 20, 6, 6, 6, 4, 6, 4, 4, 4 };

typedef struct
{
  const char *name;
  const char *platform;
  const char *format;
  const char *reach;
  const char *focus;
  const char *stage;
  const char *industry;
  const char *language;
  const char *location;
  const char *url;
  const char *audience;      /* separated by '|' */
  const char *description;
} CommunitySpec;

/* Real communities a career changer meets first. The first 23 use every
 * platform once, and the first 26 every format, reach, focus and stage, so
 * that even a small sample shows every filter. */
static const CommunitySpec community_catalogue[] = {
  { "Python Moscow", "meetup", "offline", "city", "skill", "experienced", "IT", "ru",
    "Москва", "https://www.meetup.com/python-moscow/", NULL,
    "Ежемесячные встречи Python-разработчиков: доклады, разбор кода и нетворкинг." },
  { "Women in Product", "slack", "online", "global", "career", "transitional",
    "Product management", "en", "", "https://womenpm.org/", "women in tech",
    "Women product managers helping each other grow: mentoring circles, a job board and AMAs." },
  { "Habr: Data Science", "habr", "online", "national", "skill", "experienced", "Data", "ru",
    "", "https://habr.com/ru/hubs/data_mining/", NULL,
    "Хаб о данных и машинном обучении: статьи, разборы и обсуждения." },
  { "ODS.ai", "other", "online", "global", "educational", "experts", "Data", "ru",
    "", "https://ods.ai/", NULL,
    "Open Data Science — сообщество специалистов по данным: курсы, соревнования, Data Fest." },
  { "Frontend Meetup SPb", "local", "offline", "city", "skill", "novice", "IT", "ru",
    "Санкт-Петербург", "", "джуны",
    "Встречи фронтенд-разработчиков Петербурга, новичкам рады." },
  { "r/cscareerquestions", "reddit", "online", "global", "career", "novice", "IT", "en",
    "", "https://www.reddit.com/r/cscareerquestions/", "young professionals",
    "Questions about careers in software: interviews, offers, changing fields." },
  { "Data Analytics Career Switchers", "linkedin", "online", "global", "career",
    "transitional", "Data", "en", "", "https://www.linkedin.com/groups/9123456/",
    "career changers",
    "People moving into data analytics from teaching, finance, marketing and more." },
  { "Reactiflux", "discord", "online", "global", "skill", "experienced", "IT", "en",
    "", "https://discord.gg/reactiflux", NULL,
    "The largest chat community of React and JavaScript developers." },
  { "Women in Tech Russia", "facebook", "online", "national", "interest", "transitional",
    "IT", "ru", "", "https://www.facebook.com/groups/womenintechrussia/", "женщины в IT",
    "Женщины в технологиях: истории перехода в IT, вакансии, наставничество." },
  { "IT-Quereinsteiger Berlin", "xing", "hybrid", "regional", "career", "transitional",
    "IT", "en", "Berlin", "https://www.xing.com/communities/groups/it-quereinsteiger-1084512",
    "career changers", "Career changers into IT across Berlin and Brandenburg." },
  { "Data & AI Professionals France", "viadeo", "online", "national", "industry",
    "experienced", "Data", "en", "Paris", "https://www.viadeo.com/fr/groups/data-ai-pros",
    NULL, "Data and AI practitioners in France sharing jobs and news." },
  { "Remote-First Startups", "wellfound", "online", "global", "career", "experienced",
    "Startups", "en", "", "https://wellfound.com/remote", "remote workers",
    "Startups hiring remotely, and the people who work for them." },
  { "First Contributions", "github", "online", "global", "educational", "novice",
    "Open source", "en", "", "https://github.com/firstcontributions", "young professionals",
    "Helps beginners make their first open-source contribution." },
  { "UX Career Changers Circle", "circle", "online", "global", "career", "transitional",
    "Design", "en", "", "https://uxswitchers.circle.so/", "career changers",
    "Portfolio reviews and mock interviews for people moving into UX." },
  { "Product-Led Academy", "mighty_networks", "online", "global", "educational",
    "experienced", "Product management", "en", "", "https://productled.mn.co/", NULL,
    "Courses and cohorts on product-led growth." },
  { "Business Analysts Network", "higher_logic", "online", "global", "industry", "experts",
    "Business analysis", "en", "", "https://community.ba-network.org/", NULL,
    "The members' forum of a business analysis association." },
  { "Stack Overflow на русском", "stack_overflow", "online", "national", "skill", "novice",
    "IT", "ru", "", "https://ru.stackoverflow.com/", NULL,
    "Вопросы и ответы для программистов на русском языке." },
  { "Behance: UX/UI Portfolio Reviews", "behance", "online", "global", "skill", "novice",
    "Design", "en", "", "https://www.behance.net/galleries/ui-ux", NULL,
    "Designers post case studies and get feedback on their portfolios." },
  { "Dribbble Product Designers", "dribbble", "online", "global", "skill", "experienced",
    "Design", "en", "", "https://dribbble.com/tags/product-design", NULL,
    "Shots, critique and job posts for product designers." },
  { "HCI Researchers", "researchgate", "online", "global", "interest", "experts",
    "Research", "en", "", "https://www.researchgate.net/topic/Human-Computer-Interaction",
    NULL, "Researchers in human–computer interaction and UX research methods." },
  { "Towards Data Science", "medium", "online", "global", "educational", "novice", "Data",
    "en", "", "https://medium.com/towards-data-science", NULL,
    "A publication of tutorials and essays on data science." },
  { "Аналитики данных — чат", "telegram", "online", "national", "skill", "transitional",
    "Data", "ru", "", "https://t.me/analytics_chat", "свитчеры",
    "Чат аналитиков: SQL, Python, продуктовые метрики и вакансии." },
  { "Дизайнеры интерфейсов", "vk", "online", "national", "skill", "novice", "Design", "ru",
    "", "https://vk.com/ui_designers", NULL,
    "Сообщество дизайнеров интерфейсов: разборы макетов и подборки материалов." },
  { "Кофе с айтишниками", "local", "offline", "local", "interest", "transitional", "IT",
    "ru", "Тбилиси", "https://t.me/coffee_it_tbilisi", "релоканты|свитчеры",
    "Утренние встречи за кофе для айтишников и тех, кто только переходит в IT." },
  { "CTO Craft", "slack", "online", "global", "industry", "leaders", "IT", "en",
    "", "https://ctocraft.com/", NULL,
    "Technical leaders and engineering managers learning from each other." },
  { "Moscow Data Science Meetup", "meetup", "hybrid", "city", "interest", "experienced",
    "Data", "ru", "Москва", "https://www.meetup.com/moscow-data-science/", NULL,
    "Доклады о данных и машинном обучении, офлайн и в трансляции." },
  { "PyLadies Berlin", "meetup", "offline", "city", "skill", "novice", "IT", "en",
    "Berlin", "https://www.meetup.com/pyladies-berlin/", "women in tech",
    "Python workshops and talks by and for women." },
  { "DataTalks.Club", "slack", "online", "global", "educational", "novice", "Data", "en",
    "", "https://datatalks.club/", NULL,
    "Free courses and talks about data engineering and machine learning." },
  { "Mind the Product", "slack", "online", "global", "industry", "experienced",
    "Product management", "en", "", "https://www.mindtheproduct.com/", NULL,
    "The product management community behind ProductTank meetups." },
  { "Продакт-менеджеры", "telegram", "online", "national", "industry", "experienced",
    "Product management", "ru", "", "https://t.me/product_managers_ru", NULL,
    "Чат продакт-менеджеров: метрики, исследования, карьера." },
  { "Вакансии для джунов", "telegram", "online", "national", "career", "novice", "IT", "ru",
    "", "https://t.me/junior_jobs_ru", "джуны",
    "Стажировки и вакансии для начинающих специалистов." },
  { "Habr: Карьера в IT", "habr", "online", "national", "career", "transitional", "IT",
    "ru", "", "https://habr.com/ru/hubs/career/", "свитчеры",
    "Истории смены профессии, собеседования и рост в IT." },
  { "Design Buddies", "discord", "online", "global", "educational", "novice", "Design",
    "en", "", "https://discord.gg/designbuddies", "young professionals",
    "A friendly server for designers starting out." },
  { "Клуб тимлидов", "telegram", "online", "national", "interest", "leaders", "IT", "ru",
    "", "https://t.me/teamleads_club", NULL,
    "Руководители команд обсуждают найм, процессы и рост людей." },
  { "Kaggle", "other", "online", "global", "skill", "experts", "Data", "en",
    "", "https://www.kaggle.com/discussions", NULL,
    "Competitions, notebooks and discussions about machine learning." },
  { "IT-сообщество Казани", "local", "hybrid", "regional", "interest", "experienced", "IT",
    "ru", "Казань", "https://vk.com/it_kazan", NULL,
    "Митапы, хакатоны и нетворкинг для IT-специалистов Татарстана." },
  { "NYC Product Managers", "meetup", "offline", "city", "industry", "experienced",
    "Product management", "en", "New York", "https://www.meetup.com/nyc-product-managers/",
    NULL, "Monthly talks and networking for product people in New York." },
  { "Lenny's Newsletter Community", "slack", "online", "global", "career", "experienced",
    "Product management", "en", "", "https://www.lennysnewsletter.com/", NULL,
    "Readers of Lenny's Newsletter talking product, growth and careers." },
  { "Hexlet Community", "slack", "online", "national", "educational", "novice", "IT", "ru",
    "", "https://ru.hexlet.io/", "джуны",
    "Студенты и выпускники Хекслета помогают друг другу с задачами и поиском работы." },
  { "Выпускники Яндекс Практикума", "slack", "online", "national", "educational",
    "transitional", "IT", "ru", "", "https://practicum.yandex.ru/", "свитчеры",
    "Сообщество выпускников: карьерные консультации, вакансии, пет-проекты." },
  { "LGBTQ+ in Tech", "slack", "online", "global", "interest", "experienced", "IT", "en",
    "", "https://lgbtq.technology/", "LGBTQ+ professionals",
    "An inclusive community for LGBTQ+ people working in technology." },
  { "r/ExperiencedDevs", "reddit", "online", "global", "interest", "experts", "IT", "en",
    "", "https://www.reddit.com/r/ExperiencedDevs/", "senior professionals",
    "Discussions for developers with three or more years of experience." },
  { "r/dataanalysis", "reddit", "online", "global", "skill", "novice", "Data", "en",
    "", "https://www.reddit.com/r/dataanalysis/", NULL,
    "Questions and resources for data analysts at every level." },
  { "Фронтенд-разработка", "vk", "online", "national", "skill", "novice", "IT", "ru",
    "", "https://vk.com/frontend_dev", "джуны",
    "Новости, статьи и вопросы о фронтенде." },
  { "DevOps Moscow", "meetup", "hybrid", "city", "skill", "experienced", "IT", "ru",
    "Москва", "https://www.meetup.com/devops-moscow/", NULL,
    "Встречи инженеров DevOps и SRE." },
  { "Women Who Code London", "meetup", "offline", "city", "career", "transitional", "IT",
    "en", "London", "https://www.meetup.com/women-who-code-london/", "women in tech",
    "Study nights, talks and career advice for women engineers." },
};

typedef struct
{
  const char *en;
  const char *ru;
  const char *slug;
  const char *industry;
} Topic;

static const Topic topics[] = {
  { "Python", "Python", "python", "IT" },
  { "Data Science", "Data Science", "datascience", "Data" },
  { "Data Analytics", "Аналитика данных", "dataanalytics", "Data" },
  { "Product Management", "Продакт-менеджмент", "productmanagement", "Product management" },
  { "UX Design", "UX-дизайн", "uxdesign", "Design" },
  { "Frontend", "Фронтенд", "frontend", "IT" },
  { "Backend", "Бэкенд", "backend", "IT" },
  { "DevOps", "DevOps", "devops", "IT" },
  { "QA & Testing", "Тестирование", "qa", "IT" },
  { "Machine Learning", "Машинное обучение", "machinelearning", "Data" },
  { "Mobile Development", "Мобильная разработка", "mobiledev", "IT" },
  { "Career Switch", "Смена профессии", "careerswitch", "IT" },
  { "Tech Recruiting", "IT-рекрутинг", "techrecruiting", "HR" },
  { "Go", "Go", "golang", "IT" },
  { "Java", "Java", "java", "IT" },
  { "JavaScript", "JavaScript", "javascript", "IT" },
  { "SQL", "SQL", "sql", "Data" },
  { "Kotlin", "Kotlin", "kotlin", "IT" },
  { "iOS", "iOS-разработка", "iosdev", "IT" },
  { "Product Analytics", "Продуктовая аналитика", "productanalytics", "Data" },
  { "Growth Marketing", "Маркетинг роста", "growthmarketing", "Marketing" },
  { "FinTech", "Финтех", "fintech", "Finance" },
  { "HealthTech", "Цифровая медицина", "healthtech", "Healthcare" },
  { "EdTech", "EdTech", "edtech", "EdTech" },
  { "Game Development", "Геймдев", "gamedev", "Games" },
  { "Open Source", "Open Source", "opensource", "IT" },
  { "Cybersecurity", "Информационная безопасность", "infosec", "Security" },
  { "Cloud", "Облачные технологии", "cloud", "IT" },
  { "System Analysis", "Системный анализ", "systemanalysis", "IT" },
  { "Tech Leadership", "Тимлидство", "techleads", "IT" },
  { "Design Systems", "Дизайн-системы", "designsystems", "Design" },
  { "Data Engineering", "Инженерия данных", "dataengineering", "Data" },
};

static const char * const platforms_by_weight[] = {
  "telegram", "telegram", "telegram", "meetup", "meetup", "meetup", "slack", "slack",
  "discord", "discord", "linkedin", "linkedin", "reddit", "reddit", "local", "local",
  "habr", "vk", "facebook", "github", "medium", "stack_overflow", "xing", "viadeo",
  "wellfound", "circle", "mighty_networks", "higher_logic", "behance", "dribbble",
  "researchgate", "other",
};

static const char * const en_audiences[] = {
  "women in tech", "young professionals", "career changers", "remote workers",
  "LGBTQ+ professionals", "senior professionals", "students", "underrepresented groups",
};

static const char * const ru_audiences[] = {
  "свитчеры", "джуны", "женщины в IT", "релоканты", "студенты", "молодые специалисты",
};

static const char * const en_community_goals[] = {
  "Find a mentor and get my portfolio reviewed.",
  "Learn how hiring works here and meet two recruiters a month.",
  "Answer one question a week to practise explaining things.",
  "Publish a case study and ask for feedback.",
  "Find people for a side project.",
  "Keep up with the field without doom-scrolling.",
};

static const char * const ru_community_goals[] = {
  "Найти ментора и получить разбор портфолио.",
  "Понять, как здесь нанимают, и знакомиться с рекрутерами.",
  "Отвечать на один вопрос в неделю — учиться объяснять.",
  "Опубликовать кейс и собрать обратную связь.",
  "Найти людей для пет-проекта.",
  "Следить за отраслью и не тонуть в ленте.",
};

static const char * const en_community_notes[] = {
  "Very active on weekday evenings; Friday threads are the best.",
  "Moderators are strict about self-promotion: read the rules first.",
  "Great job board, weak discussions.",
  "Most useful channel: #career-advice.",
  "Friendly to beginners, answers come within an hour.",
};

static const char * const ru_community_notes[] = {
  "Активнее всего по вечерам в будни.",
  "Модераторы строгие: самопиар только по пятницам.",
  "Лучший канал — #вакансии, обсуждения слабее.",
  "Новичкам отвечают быстро и доброжелательно.",
  "Раз в месяц проводят разборы резюме.",
};

typedef struct
{
  const char *en;
  const char *ru;
  const char *relationship;
  guint       weight;
  gboolean    developer;
} Role;

static const Role roles[] = {
  { "Software Engineer", "Разработчик", "peer", 14, TRUE },
  { "Senior Software Engineer", "Старший разработчик", "expert", 6, TRUE },
  { "Frontend Developer", "Фронтенд-разработчик", "peer", 8, TRUE },
  { "Backend Developer", "Бэкенд-разработчик", "peer", 6, TRUE },
  { "Python Developer", "Python-разработчик", "peer", 5, TRUE },
  { "Data Analyst", "Аналитик данных", "peer", 12, FALSE },
  { "Product Analyst", "Продуктовый аналитик", "peer", 6, FALSE },
  { "Data Scientist", "Дата-сайентист", "expert", 6, TRUE },
  { "ML Engineer", "ML-инженер", "expert", 4, TRUE },
  { "Product Manager", "Продакт-менеджер", "peer", 8, FALSE },
  { "Senior Product Manager", "Старший менеджер продукта", "hiring_manager", 3, FALSE },
  { "Product Designer", "Продуктовый дизайнер", "peer", 6, FALSE },
  { "UX Researcher", "UX-исследователь", "peer", 3, FALSE },
  { "UI/UX Designer", "UI/UX-дизайнер", "peer", 4, FALSE },
  { "QA Engineer", "Инженер по тестированию", "peer", 4, TRUE },
  { "DevOps Engineer", "DevOps-инженер", "peer", 3, TRUE },
  { "Engineering Manager", "Руководитель разработки", "hiring_manager", 4, TRUE },
  { "Team Lead", "Тимлид", "hiring_manager", 4, TRUE },
  { "Head of Data", "Руководитель отдела аналитики", "hiring_manager", 2, FALSE },
  { "CTO", "Технический директор", "expert", 1, TRUE },
  { "Technical Recruiter", "IT-рекрутер", "recruiter", 7, FALSE },
  { "Talent Acquisition Partner", "Специалист по подбору персонала", "recruiter", 3, FALSE },
  { "Career Coach", "Карьерный консультант", "mentor", 2, FALSE },
  { "Bootcamp Mentor", "Наставник в онлайн-школе", "mentor", 3, FALSE },
  { "Developer Advocate", "DevRel-инженер", "expert", 1, TRUE },
  { "Community Manager", "Комьюнити-менеджер", "other", 2, FALSE },
  { "Junior Data Analyst", "Младший аналитик данных", "mentee", 4, FALSE },
  { "Software Engineering Intern", "Стажёр-разработчик", "mentee", 2, TRUE },
  { "Student", "Студент", "mentee", 2, FALSE },
  { "Marketing Manager", "Маркетолог", "friend", 2, FALSE },
  { "Computer Science Teacher", "Учитель информатики", "friend", 1, FALSE },
};

/* Any relationship, for the contacts whose role does not decide it. */
static const char * const relationships[] = {
  "peer", "peer", "peer", "peer", "peer", "peer", "peer", "friend", "friend", "friend",
  "friend", "expert", "expert", "mentor", "mentor", "recruiter", "recruiter",
  "hiring_manager", "mentee", "other",
};

typedef struct
{
  const char *name;
  const char *domain;
} Company;

static const Company ru_companies[] = {
  { "Яндекс", "yandex-team.ru" }, { "Сбер", "sberbank.ru" }, { "Т-Банк", "tbank.ru" },
  { "VK", "vk.team" }, { "Ozon", "ozon.ru" }, { "Wildberries", "wildberries.ru" },
  { "Авито", "avito.ru" }, { "Лаборатория Касперского", "kaspersky.com" },
  { "2ГИС", "2gis.ru" }, { "СКБ Контур", "skbkontur.ru" },
  { "Positive Technologies", "ptsecurity.com" }, { "МТС", "mts.ru" },
  { "Билайн", "beeline.ru" }, { "X5 Group", "x5.ru" }, { "Альфа-Банк", "alfabank.ru" },
  { "Selectel", "selectel.ru" }, { "hh.ru", "hh.ru" }, { "Skyeng", "skyeng.ru" },
  { "Нетология", "netology.ru" }, { "Яндекс Практикум", "practicum.yandex.ru" },
  { "Skillbox", "skillbox.ru" }, { "Самокат", "samokat.ru" }, { "ЦИАН", "cian.ru" },
  { "Aviasales", "aviasales.ru" }, { "Точка", "tochka.com" }, { "Lamoda", "lamoda.ru" },
  { "Ростелеком", "rt.ru" }, { "Райффайзенбанк", "raiffeisen.ru" },
  { "Кадровое агентство «Анкор»", "ancor.ru" }, { "Фриланс", NULL },
};

static const Company en_companies[] = {
  { "Google", "google.com" }, { "Microsoft", "microsoft.com" }, { "Amazon", "amazon.com" },
  { "Spotify", "spotify.com" }, { "Shopify", "shopify.com" }, { "Atlassian", "atlassian.com" },
  { "GitLab", "gitlab.com" }, { "Stripe", "stripe.com" }, { "Airbnb", "airbnb.com" },
  { "Zalando", "zalando.de" }, { "Booking.com", "booking.com" }, { "Canva", "canva.com" },
  { "Figma", "figma.com" }, { "Miro", "miro.com" }, { "Notion", "makenotion.com" },
  { "Datadog", "datadoghq.com" }, { "HubSpot", "hubspot.com" }, { "Klarna", "klarna.com" },
  { "Revolut", "revolut.com" }, { "N26", "n26.com" }, { "Delivery Hero", "deliveryhero.com" },
  { "SAP", "sap.com" }, { "Thoughtworks", "thoughtworks.com" }, { "Accenture", "accenture.com" },
  { "JetBrains", "jetbrains.com" }, { "Hays", "hays.com" }, { "Brightwave Labs", "brightwave.io" },
  { "Northbeam Analytics", "northbeam.io" }, { "Freelance", NULL },
};

static const char * const ru_male_given[] = {
  "Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим", "Василий", "Виктор",
  "Владимир", "Владислав", "Георгий", "Глеб", "Григорий", "Даниил", "Денис", "Дмитрий",
  "Евгений", "Егор", "Иван", "Игорь", "Илья", "Кирилл", "Константин", "Лев", "Максим",
  "Марк", "Михаил", "Никита", "Николай", "Олег", "Павел", "Пётр", "Роман", "Руслан",
  "Сергей", "Станислав", "Степан", "Тимур", "Фёдор", "Юрий", "Ярослав",
};

static const char * const ru_female_given[] = {
  "Александра", "Алина", "Алиса", "Анастасия", "Анна", "Арина", "Валерия", "Варвара", "Вера",
  "Вероника", "Виктория", "Дарья", "Диана", "Ева", "Екатерина", "Елена", "Елизавета",
  "Ирина", "Карина", "Кира", "Ксения", "Лариса", "Любовь", "Людмила", "Маргарита", "Марина",
  "Мария", "Надежда", "Наталья", "Нина", "Ольга", "Полина", "Светлана", "София", "Татьяна",
  "Ульяна", "Юлия", "Яна",
};

/* Masculine forms; feminine ones are derived (Иванов → Иванова,
 * Островский → Островская), and surnames in -ко or -ых do not change. */
static const char * const ru_family[] = {
  "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
  "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
  "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
  "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов",
  "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев",
  "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов",
  "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов",
  "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков",
  "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Тихонов",
  "Казаков", "Данилов", "Тимофеев", "Фомин", "Чернов", "Абрамов", "Мартынов", "Ефимов",
  "Щербаков", "Назаров", "Калинин", "Исаев", "Быков", "Маслов", "Родионов", "Лазарев",
  "Воронин", "Климов", "Голубев", "Кудрявцев", "Прохоров", "Наумов", "Журавлёв", "Леонов",
  "Соболев", "Ермаков", "Колесников", "Гончаров", "Громов", "Кириллов", "Панов",
  "Румянцев", "Цветков", "Левин", "Островский", "Вишневский", "Покровский", "Яблонский",
  "Шевченко", "Бондаренко", "Коваленко", "Ткаченко", "Черных", "Седых",
};

static const char * const en_male_given[] = {
  "James", "John", "Robert", "Michael", "David", "William", "Richard", "Thomas", "Daniel",
  "Matthew", "Anthony", "Mark", "Steven", "Andrew", "Joshua", "Kevin", "Brian", "Ryan",
  "Jacob", "Nathan", "Samuel", "Ethan", "Lucas", "Oliver", "Noah", "Liam", "Benjamin",
  "Alexander", "Henry", "Owen", "Arjun", "Wei", "Carlos", "Mateo", "Jonas", "Omar",
};

static const char * const en_female_given[] = {
  "Mary", "Jennifer", "Linda", "Elizabeth", "Sarah", "Jessica", "Karen", "Emily", "Emma",
  "Olivia", "Sophia", "Ava", "Isabella", "Mia", "Charlotte", "Amelia", "Harper", "Abigail",
  "Madison", "Chloe", "Grace", "Hannah", "Lily", "Zoe", "Natalie", "Rachel", "Megan",
  "Lauren", "Priya", "Aisha", "Mei", "Sofia", "Lena", "Fatima", "Ingrid", "Chiara",
};

static const char * const en_family[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
  "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
  "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
  "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker",
  "Nelson", "Carter", "Mitchell", "Roberts", "Patel", "Chen", "Nguyen", "Kim", "Singh",
  "Khan", "Müller", "Schmidt", "Fischer", "Weber", "Novak", "O'Brien", "Murphy", "Kelly",
  "Rossi", "Jansen", "Kowalski", "Silva", "Andersson", "Dubois",
};

static const char * const en_locations[] = {
  "London", "Berlin", "Amsterdam", "New York", "San Francisco", "Toronto", "Dublin",
  "Lisbon", "Warsaw", "Barcelona", "Austin", "Remote", "Munich", "Stockholm", "Paris",
};

static const char * const ru_email_domains[] = {
  "gmail.com", "yandex.ru", "yandex.ru", "mail.ru", "ya.ru", "bk.ru", "gmail.com",
};

static const char * const en_email_domains[] = {
  "gmail.com", "gmail.com", "outlook.com", "proton.me", "icloud.com", "yahoo.com",
};

static const char * const tag_pool[] = {
  "python", "sql", "data", "product", "design", "frontend", "hiring", "referral", "mentor",
  "alumni", "remote", "startup", "conference", "job-search", "speaker", "open-source",
  "ux", "ml", "рекомендация", "коллега", "сокурсник", "наставник",
};

static const char * const en_contact_notes[] = {
  "Offered to look at my CV once the portfolio is ready.",
  "Switched from accounting to analytics three years ago — ask about the first six months.",
  "Hiring juniors in the spring; follow up in February.",
  "Great at SQL interviews. Promised a mock interview.",
  "We both did the same bootcamp, different cohorts.",
  "Introduced me to their team lead.",
  "Runs the study group on Thursdays.",
};

/* The Russian notes avoid past-tense verbs, which would give the contact
 * (or the user) a gender. */
static const char * const ru_contact_notes[] = {
  "Обещали посмотреть резюме, когда будет готово портфолио.",
  "Из бухгалтерии в аналитику за год — спросить про первые полгода.",
  "Весной набирают джунов, написать в феврале.",
  "Хорошо знает SQL-собеседования, договорились о пробном интервью.",
  "Учились на одном курсе, в разных потоках.",
  "Познакомили с руководителем команды.",
  "Ведёт учебную группу по четвергам.",
};

/* Event kinds, weighted; the order does not matter. */
static const struct
{
  const char *kind;
  guint       weight;
} event_kinds[] = {
  { "meetup", 30 }, { "webinar", 25 }, { "conference", 8 }, { "workshop", 12 },
  { "hackathon", 4 }, { "ama", 8 }, { "networking", 10 }, { "other", 3 },
};

static const char * const en_talks[] = {
  "From teacher to data analyst", "SQL window functions in practice",
  "Your first portfolio project", "How hiring managers read CVs", "Product discovery 101",
  "Design systems at scale", "A/B testing pitfalls", "Landing your first junior role",
  "Pandas performance tips", "Career switch stories", "Dashboards people actually use",
  "Writing a case study that gets interviews", "Negotiating your first tech offer",
  "User interviews without bias", "Intro to dbt", "Metrics that matter for PMs",
};

static const char * const ru_talks[] = {
  "Как я перешёл из маркетинга в аналитику", "Оконные функции SQL на практике",
  "Первый пет-проект для портфолио", "Как рекрутеры читают резюме",
  "Продуктовые метрики для начинающих", "A/B-тесты без ошибок",
  "Собеседование на джуна: разбор", "Дизайн-системы в продукте", "Python для аналитика",
  "Истории свитчеров", "Дашборды, которыми пользуются", "Как оформить кейс в портфолио",
  "Переговоры об оффере", "Custdev без предвзятости", "Введение в dbt",
};

static const char * const en_conferences[] = {
  "PyCon DE & PyData", "ProductCamp Berlin", "Data Council", "Config watch party",
  "Mind the Product London", "UXDX", "Women in Data Science", "MLOps World",
};

static const char * const ru_conferences[] = {
  "Highload++", "Data Fest", "ProductSense", "Матемаркетинг", "HolyJS", "Heisenbug",
  "Podlodka Techlead Crew", "Frontend Conf", "AgileDays", "Moscow Python Conf",
};

static const char * const en_hackathons[] = {
  "Open Data Weekend", "Climate Tech Challenge", "FinTech Sprint", "Civic Hack Night",
  "Accessibility Jam",
};

static const char * const ru_hackathons[] = {
  "Цифровой прорыв", "Хакатон открытых данных", "Финтех-спринт", "ML-хакатон выходного дня",
  "Хакатон для новичков",
};

static const char * const en_networking[] = {
  "Career Networking Night", "Speed Networking for Career Changers", "Coffee & Careers",
  "Tech Jobs Mixer",
};

static const char * const ru_networking[] = {
  "Нетворкинг для свитчеров", "Карьерный нетворкинг", "Кофе и карьера", "IT-нетворкинг",
};

static const char * const en_venues[] = {
  "Impact Hub", "Google for Startups Campus", "WeWork", "Microsoft Reactor", "Betahaus",
  "Public library, hall B", "Factory", "The Office Group",
};

static const char * const ru_venues[] = {
  "Точка кипения", "офис Яндекса", "Технопарк", "коворкинг «Рабочая станция»",
  "университетский кампус, ауд. 301", "офис Авито", "городская библиотека", "IT-хаб",
};

static const char * const en_takeaways[] = {
  "Three people offered to review my portfolio. Follow up this week.",
  "Great talk on SQL interviews; write up the notes.",
  "Met a hiring manager from a fintech startup — they hire analysts in Q2.",
  "Too crowded to talk; next time arrive early.",
  "Learned that case studies matter more than certificates.",
  "Speakers shared slides in the chat — save them.",
};

static const char * const ru_takeaways[] = {
  "Трое предложили посмотреть портфолио — написать на этой неделе.",
  "Отличный доклад про SQL-собеседования, законспектировать.",
  "Знакомство с руководителем из финтеха: весной ищут аналитиков.",
  "Слишком много народу, в следующий раз прийти пораньше.",
  "Кейсы в портфолио важнее сертификатов.",
  "Спикеры выложили слайды в чат — сохранить.",
};

typedef enum
{
  STRATEGY_LEARNING,
  STRATEGY_VALUE,
  STRATEGY_CONNECTING,
} Strategy;

typedef struct
{
  const char *kind;
  Strategy    strategy;
  guint       weight;          /* per mille */
  guint       min_minutes;
  guint       max_minutes;
  guint       max_contacts;
} ActivityKind;

/* Every kind of DESIGN.md's vocabulary. attend_event activities are made from
 * attended events; its weight is used only when there are none. */
static const ActivityKind activity_kinds[] = {
  { "read", STRATEGY_LEARNING, 200, 10, 45, 0 },
  { "ask_question", STRATEGY_LEARNING, 60, 5, 20, 1 },
  { "request_feedback", STRATEGY_LEARNING, 30, 10, 30, 1 },
  { "study_profiles", STRATEGY_LEARNING, 60, 15, 40, 2 },
  { "take_notes", STRATEGY_LEARNING, 80, 10, 30, 0 },
  { "publish", STRATEGY_VALUE, 20, 60, 240, 0 },
  { "share_experience", STRATEGY_VALUE, 40, 15, 45, 0 },
  { "support", STRATEGY_VALUE, 60, 5, 20, 1 },
  { "share_resource", STRATEGY_VALUE, 40, 5, 15, 1 },
  { "comment", STRATEGY_VALUE, 120, 3, 15, 0 },
  { "connect", STRATEGY_CONNECTING, 80, 2, 10, 1 },
  { "message", STRATEGY_CONNECTING, 120, 5, 25, 2 },
  { "attend_event", STRATEGY_CONNECTING, 25, 60, 180, 3 },
  { "joint_project", STRATEGY_CONNECTING, 15, 60, 240, 4 },
  { "collaborate", STRATEGY_CONNECTING, 25, 30, 120, 3 },
};

#define ATTEND_EVENT_KIND 12

/* Notes per kind, in English and in Russian. */
static const char * const en_activity_notes[][3] = {
  { "Long read on cohort analysis.", "Read the thread on junior hiring.",
    "Newsletter digest: three articles worth keeping." },
  { "Asked how to structure a take-home assignment.", "Asked about switching from Excel to SQL.",
    "Question about portfolio projects for analysts." },
  { "Asked for feedback on my CV.", "Shared the dashboard draft and asked for comments.",
    "Requested a review of my case study." },
  { "Looked at how senior analysts describe their work.",
    "Studied profiles of people who switched from teaching.",
    "Compared job titles across five companies." },
  { "Notes on the talk about metrics.", "Summarised the AMA in my notebook.",
    "Wrote down the questions I could not answer." },
  { "Published a post about my first dashboard.", "Wrote up the SQL interview I failed.",
    "Article: what a teacher brings to product analytics." },
  { "Told the story of my career switch in the newcomers thread.",
    "Shared what worked in my job search.", "Explained how I prepared for the interview." },
  { "Encouraged someone before their first interview.",
    "Helped a newcomer with their SQL question.", "Congratulated a peer on the new job." },
  { "Shared a free SQL course.", "Posted a list of public datasets.",
    "Shared a template for case studies." },
  { "Commented on a post about data careers.", "Added an example to a discussion about A/B tests.",
    "Replied to a thread about remote work." },
  { "Connected after the meetup.", "Sent a connection request with a note.",
    "Connected with a recruiter from the job board." },
  { "Follow-up message after the call.", "Asked about their team's hiring process.",
    "Thanked them for the introduction." },
  { "Great talks, met new people.", "Stayed for the networking part.",
    "Watched the stream and asked a question in chat." },
  { "Worked on the open-data dashboard together.", "Pair session on the pet project.",
    "Planned the next sprint of our side project." },
  { "Agreed to co-host a study session.", "Discussed writing an article together.",
    "Proposed a joint workshop for beginners." },
};

static const char * const ru_activity_notes[][3] = {
  { "Лонгрид про когортный анализ.", "Тред про найм джунов.",
    "Подборка статей за неделю: три стоит сохранить." },
  { "Вопрос: как оформить тестовое задание.", "Вопрос про переход с Excel на SQL.",
    "Какие пет-проекты нужны аналитику?" },
  { "Просьба об отзыве на резюме.", "Черновик дашборда — жду комментариев.",
    "Разбор моего кейса от опытных участников." },
  { "Как опытные аналитики описывают свой опыт.",
    "Профили тех, кто перешёл из преподавания.",
    "Названия должностей в пяти компаниях: сравнение." },
  { "Конспект доклада про метрики.", "Главное из AMA — в заметки.",
    "Список вопросов, на которые пока нет ответа." },
  { "Пост про первый дашборд.", "Разбор проваленного SQL-собеседования.",
    "Статья: что учитель даёт продуктовой аналитике." },
  { "История смены профессии в ветке для новичков.",
    "Что сработало в поиске работы.", "Как проходила подготовка к собеседованию." },
  { "Поддержка перед первым собеседованием.", "Помощь новичку с вопросом по SQL.",
    "Поздравления коллеге с новой работой." },
  { "Бесплатный курс по SQL — ссылка в чат.", "Список открытых датасетов.",
    "Шаблон кейса для портфолио." },
  { "Комментарий к посту про карьеру в данных.", "Пример в обсуждение A/B-тестов.",
    "Ответ в треде про удалённую работу." },
  { "Новый контакт после митапа.", "Запрос в контакты с сопроводительным сообщением.",
    "Знакомство с рекрутером из чата вакансий." },
  { "Сообщение после созвона.", "Вопрос про процесс найма в команде.",
    "Спасибо за знакомство." },
  { "Хорошие доклады, новые знакомства.", "Остаться на нетворкинг было правильно.",
    "Трансляция и вопрос в чате." },
  { "Дашборд на открытых данных — вместе.", "Парная сессия по пет-проекту.",
    "План следующего спринта пет-проекта." },
  { "Договорились вместе провести учебную встречу.", "Идея совместной статьи.",
    "Предложение совместного воркшопа для новичков." },
};

static const char * const shared_resources[] = {
  "https://mode.com/sql-tutorial/", "https://www.kaggle.com/learn",
  "https://stepik.org/course/58852/", "https://karpov.courses/simulator-sql",
  "https://roadmap.sh/frontend", "https://developer.mozilla.org/en-US/docs/Learn",
  "https://lawsofux.com/", "https://www.productplan.com/glossary/",
  "https://habr.com/ru/articles/564390/",
  "https://github.com/firstcontributions/first-contributions",
};

static const char * const en_checkin_notes[] = {
  "Good week: two useful conversations.",
  "Too tired to post anything; read a lot.",
  "Finally asked for feedback on the portfolio.",
  "Interview invitation thanks to a referral!",
  "Spent too long lurking, need to comment more.",
};

static const char * const ru_checkin_notes[] = {
  "Хорошая неделя: два полезных разговора.",
  "Сил писать не было, зато много чтения.",
  "Наконец-то отзыв на портфолио.",
  "Приглашение на собеседование по рекомендации!",
  "Слишком много чтения молча — пора комментировать.",
};

static const struct
{
  const char *name;
  guint       level;
  guint       target;
  const char *evidence;
} skills[] = {
  { "SQL", 3, 5, "Karpov.Courses SQL simulator; two dashboards at work" },
  { "Python", 2, 4, "pandas notebooks on GitHub" },
  { "pandas", 2, 4, "" },
  { "Визуализация данных", 3, 4, "Дашборд в DataLens на открытых данных" },
  { "Statistics", 2, 4, "Stepik course, first module" },
  { "A/B testing", 1, 4, "" },
  { "Продуктовая аналитика", 2, 4, "" },
  { "Public speaking", 2, 3, "Lightning talk at Python Moscow" },
  { "English for interviews", 3, 4, "Weekly practice with a tutor" },
  { "Figma", 1, 2, "" },
  { "Git", 2, 3, "Pull requests to First Contributions" },
  { "Tableau", 1, 3, "" },
};

static const struct
{
  const char *title;
  const char *provider;
  const char *url;
  const char *status;
  guint       progress;
  const char *community;   /* a catalogue name, or NULL */
  guint       skills[3];   /* indexes + 1 into skills[], 0 ends */
} courses[] = {
  { "Аналитик данных", "Яндекс Практикум", "https://practicum.yandex.ru/data-analyst/",
    "completed", 100, "Выпускники Яндекс Практикума", { 1, 2, 4 } },
  { "Google Data Analytics Professional Certificate", "Coursera",
    "https://www.coursera.org/professional-certificates/google-data-analytics",
    "completed", 100, NULL, { 1, 12, 0 } },
  { "Python для анализа данных", "Stepik", "https://stepik.org/course/58852/",
    "in_progress", 60, NULL, { 2, 3, 0 } },
  { "Основы статистики", "Stepik", "https://stepik.org/course/76/", "in_progress", 35, NULL,
    { 5, 6, 0 } },
  { "Product Management Fundamentals", "Coursera",
    "https://www.coursera.org/learn/uva-darden-digital-product-management", "planned", 0,
    NULL, { 7, 0, 0 } },
  { "Open ML Course", "ODS.ai study group", "https://mlcourse.ai/", "dropped", 20, "ODS.ai",
    { 2, 5, 0 } },
  { "Симулятор SQL", "Karpov.Courses", "https://karpov.courses/simulator-sql", "completed",
    100, NULL, { 1, 0, 0 } },
  { "Data Engineering Zoomcamp", "DataTalks.Club",
    "https://github.com/DataTalksClub/data-engineering-zoomcamp", "planned", 0,
    "DataTalks.Club", { 1, 2, 11 } },
};

/* Section: the generator */

typedef struct
{
  gint64       id;
  gboolean     russian;
  const char  *name;           /* owned by used_names */
  const char  *platform;
  const City  *city;           /* where it meets, or NULL when online */
  char        *slug;
  guint        next_number;    /* of its next numbered meetup */
} CommunityInfo;

typedef struct
{
  gint64       id;
  gint64       starts_at;
  gint64       ends_at;
  guint32      day;
  int          community;      /* an index into communities, or -1 */
  const char  *kind;
  const char  *status;
  gboolean     russian;
  GArray      *attendees;      /* gint64 contact ids; NULL when none */
} EventInfo;

typedef struct
{
  gint64 at;
  guint  kind;
  int    event;                /* an index into events, or -1 */
} ActivitySeed;

/* A weighted choice among some communities: cumulative weights. */
typedef struct
{
  GArray *index;               /* guint into communities */
  GArray *cumulative;          /* double */
} WeightedSet;

typedef struct
{
  /* Borrowed */
  GuildStore            *store;
  GuildGenerateProgress  progress;
  gpointer               user_data;
  GCancellable          *cancellable;

  /* Owned */
  GRand                 *rand;
  guint32                seed;
  guint32                today;        /* Julian day number */
  guint32                epoch;        /* Julian day of 1970-01-01 */
  GHashTable            *zones;        /* tzid → GTimeZone */

  GArray                *communities;  /* CommunityInfo */
  WeightedSet            ru_members;
  WeightedSet            en_members;
  WeightedSet            engaged;
  GPtrArray             *members;      /* per community: GArray of gint64 */
  GArray                *events;       /* EventInfo */
  GPtrArray             *event_records;
  GArray                *attended;     /* guint indexes of past attended events */
  GArray                *contacts;     /* gint64 ids */
  gint64                 skill_ids[G_N_ELEMENTS (skills)];
  GHashTable            *used_names;
  GHashTable            *used_emails;
  GString               *buf;

  guint64                done;
  guint64                total;
  int                    percent;
} Generator;

static void
weighted_set_init (WeightedSet *set)
{
  set->index = g_array_new (FALSE, FALSE, sizeof (guint));
  set->cumulative = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
weighted_set_clear (WeightedSet *set)
{
  g_clear_pointer (&set->index, g_array_unref);
  g_clear_pointer (&set->cumulative, g_array_unref);
}

static void
weighted_set_add (WeightedSet *set,
                  guint        index,
                  double       weight)
{
  double total = set->cumulative->len > 0
    ? g_array_index (set->cumulative, double, set->cumulative->len - 1) : 0;

  total += weight;
  g_array_append_val (set->index, index);
  g_array_append_val (set->cumulative, total);
}

/* Returns an index into communities, or -1 when the set is empty. */
static int
weighted_set_pick (WeightedSet *set,
                   GRand       *rand)
{
  const double *cumulative = (const double *) (gpointer) set->cumulative->data;
  guint lo = 0, hi = set->cumulative->len;
  double x;

  if (hi == 0)
    return -1;

  x = g_rand_double (rand) * cumulative[hi - 1];
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (cumulative[mid] <= x)
        lo = mid + 1;
      else
        hi = mid;
    }

  return g_array_index (set->index, guint, MIN (lo, set->index->len - 1));
}

static void
generator_free (Generator *gen)
{
  for (guint i = 0; gen->communities != NULL && i < gen->communities->len; i++)
    g_free (g_array_index (gen->communities, CommunityInfo, i).slug);
  for (guint i = 0; gen->events != NULL && i < gen->events->len; i++)
    g_clear_pointer (&g_array_index (gen->events, EventInfo, i).attendees, g_array_unref);

  g_clear_pointer (&gen->rand, g_rand_free);
  g_clear_pointer (&gen->zones, g_hash_table_unref);
  g_clear_pointer (&gen->communities, g_array_unref);
  weighted_set_clear (&gen->ru_members);
  weighted_set_clear (&gen->en_members);
  weighted_set_clear (&gen->engaged);
  g_clear_pointer (&gen->members, g_ptr_array_unref);
  g_clear_pointer (&gen->events, g_array_unref);
  g_clear_pointer (&gen->event_records, g_ptr_array_unref);
  g_clear_pointer (&gen->attended, g_array_unref);
  g_clear_pointer (&gen->contacts, g_array_unref);
  g_clear_pointer (&gen->used_names, g_hash_table_unref);
  g_clear_pointer (&gen->used_emails, g_hash_table_unref);
  if (gen->buf != NULL)
    g_string_free (gen->buf, TRUE);
  g_free (gen);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Generator, generator_free)

/* Section: small helpers */

#define PICK(gen, array) ((array)[g_rand_int_range ((gen)->rand, 0, G_N_ELEMENTS (array))])

/* An integer in [lo, hi], both included. */
static int
between (Generator *gen,
         int        lo,
         int        hi)
{
  return g_rand_int_range (gen->rand, lo, hi + 1);
}

static gboolean
chance (Generator *gen,
        double     p)
{
  return g_rand_double (gen->rand) < p;
}

static guint
pick_weight (Generator   *gen,
             const guint *weights,
             guint        n)
{
  guint total = 0;
  int x;

  for (guint i = 0; i < n; i++)
    total += weights[i];

  x = g_rand_int_range (gen->rand, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (x < (int) weights[i])
        return i;
      x -= weights[i];
    }

  return n - 1;
}

static const char *
pick_event_kind (Generator *gen)
{
  guint weights[G_N_ELEMENTS (event_kinds)];

  for (guint i = 0; i < G_N_ELEMENTS (event_kinds); i++)
    weights[i] = event_kinds[i].weight;

  return event_kinds[pick_weight (gen, weights, G_N_ELEMENTS (weights))].kind;
}

static void
format_day (guint32  julian,
            char     out[11])
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_snprintf (out, 11, "%04u-%02u-%02u", (guint) g_date_get_year (&date),
              (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
}

/* 0 is Monday: Julian day 1 (1 January of year 1) was a Monday. */
static guint
weekday (guint32 julian)
{
  return (julian - 1) % 7;
}

static gint64
day_start_utc (Generator *gen,
               guint32    julian)
{
  return ((gint64) julian - gen->epoch) * 86400;
}

static GTimeZone *
lookup_zone (Generator  *gen,
             const char *tzid)
{
  GTimeZone *zone = g_hash_table_lookup (gen->zones, tzid);

  if (zone == NULL)
    {
      zone = g_time_zone_new_identifier (tzid);
      if (zone == NULL)
        zone = g_time_zone_new_utc ();
      g_hash_table_insert (gen->zones, (gpointer) tzid, zone);
    }

  return zone;
}

/* Seconds since the epoch of a wall-clock time on @julian in @tzid. */
static gint64
local_to_utc (Generator  *gen,
              const char *tzid,
              guint32     julian,
              int         hour,
              int         minute)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  dt = g_date_time_new (lookup_zone (gen, tzid), g_date_get_year (&date),
                        g_date_get_month (&date), g_date_get_day (&date), hour, minute, 0);
  if (dt == NULL)
    return day_start_utc (gen, julian) + hour * 3600 + minute * 60;

  return g_date_time_to_unix (dt);
}

static const char * const cyrillic_latin[32] = {
  "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
  "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
};

/* Appends @text in lower-case ASCII letters and digits, transliterating
 * Cyrillic the way Russian passports do; anything else becomes @separator
 * (never two in a row), or is dropped when @separator is 0. */
static void
append_latin (GString    *out,
              const char *text,
              char        separator)
{
  gsize start = out->len;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      if (c < 0x80 && g_ascii_isalnum (c))
        g_string_append_c (out, (char) c);
      else if (c >= 0x430 && c <= 0x44f)
        g_string_append (out, cyrillic_latin[c - 0x430]);
      else if (c == 0x451)
        g_string_append_c (out, 'e');
      else if (c >= 0x80 && g_unichar_isalpha (c))
        {
          char utf8[8] = { 0 };
          g_autofree char *ascii = NULL;

          g_unichar_to_utf8 (c, utf8);
          ascii = g_str_to_ascii (utf8, "C");
          for (const char *a = ascii; *a != '\0'; a++)
            if (g_ascii_isalnum (*a))
              g_string_append_c (out, g_ascii_tolower (*a));
        }
      else if (separator != 0 && out->len > start && out->str[out->len - 1] != separator)
        g_string_append_c (out, separator);
    }

  if (separator != 0 && out->len > start && out->str[out->len - 1] == separator)
    g_string_truncate (out, out->len - 1);
}

static char *
make_slug (const char *text)
{
  GString *slug = g_string_new (NULL);

  append_latin (slug, text, '-');
  return g_string_free (slug, FALSE);
}

/* Russian surnames agree with gender: Иванов → Иванова, Островский →
 * Островская; Шевченко and Черных stay as they are. */
static const char *
feminine_surname (GString    *buf,
                  const char *family)
{
  g_string_assign (buf, family);

  if (g_str_has_suffix (family, "ий"))
    {
      g_string_truncate (buf, buf->len - strlen ("ий"));
      g_string_append (buf, "ая");
    }
  else if (g_str_has_suffix (family, "ов") || g_str_has_suffix (family, "ев") ||
           g_str_has_suffix (family, "ёв") || g_str_has_suffix (family, "ин") ||
           g_str_has_suffix (family, "ын"))
    g_string_append (buf, "а");

  return buf->str;
}

/* Returns @base the first time, then @base, @separator and a number, so
 * that names of communities and e-mail local parts stay unique. The result
 * is owned by @used. */
static const char *
make_unique (GHashTable *used,
             const char *base,
             const char *separator)
{
  gpointer count;
  char *unique;

  if (!g_hash_table_lookup_extended (used, base, NULL, &count))
    {
      unique = g_strdup (base);
      g_hash_table_insert (used, unique, GUINT_TO_POINTER (1));
      return unique;
    }

  for (guint n = GPOINTER_TO_UINT (count) + 1; ; n++)
    {
      unique = g_strdup_printf ("%s%s%u", base, separator, n);
      if (!g_hash_table_contains (used, unique))
        break;
      g_free (unique);
    }

  g_hash_table_insert (used, g_strdup (base), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
  g_hash_table_insert (used, unique, GUINT_TO_POINTER (1));
  return unique;
}

static void
set_day (GuildRecord *record,
         const char  *field,
         guint32      julian)
{
  char day[11];

  format_day (julian, day);
  guild_record_set_text (record, field, day);
}

/* Setting a field by name looks its property up each time, which shows at a
 * million rows; the hot loops look their fields up once and set them by
 * index. */
static guint
field_index (GuildRecord *record,
             const char  *name)
{
  guint index = 0;

  if (guild_record_find_field (record, name, &index) == NULL)
    g_error ("%s has no field “%s”", G_OBJECT_TYPE_NAME (record), name);

  return index;
}

static void
put_text (GuildRecord *record,
          guint        index,
          const char  *text)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text != NULL ? text : "");
  _guild_record_take_value (record, index, &value);
}

static void
put_int (GuildRecord *record,
         guint        index,
         gint64       number)
{
  const GValue *current = _guild_record_peek_value (record, index);
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_VALUE_TYPE (current));
  if (G_VALUE_HOLDS_INT (&value))
    g_value_set_int (&value, (int) number);
  else
    g_value_set_int64 (&value, number);
  _guild_record_take_value (record, index, &value);
}

static void
put_strv (GuildRecord        *record,
          guint               index,
          const char * const *strv)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRV);
  g_value_take_boxed (&value, g_strdupv ((char **) strv));
  _guild_record_take_value (record, index, &value);
}

static void
put_ids (GuildRecord  *record,
         guint         index,
         const gint64 *ids,
         guint         n_ids)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  GValue value = G_VALUE_INIT;

  if (n_ids > 0)
    g_array_append_vals (array, ids, n_ids);
  g_value_init (&value, G_TYPE_ARRAY);
  g_value_take_boxed (&value, array);
  _guild_record_take_value (record, index, &value);
}

/* Section: progress and cancellation */

static gboolean
step (Generator  *gen,
      GError    **error)
{
  int percent;

  gen->done++;
  percent = gen->total > 0 ? (int) (gen->done * 100 / gen->total) : 100;
  if (percent != gen->percent)
    {
      gen->percent = percent;
      if (gen->progress != NULL)
        gen->progress (MIN (1.0, (double) gen->done / gen->total), gen->user_data);
    }

  if ((gen->done % CANCEL_CHECK_EVERY) == 0 &&
      g_cancellable_set_error_if_cancelled (gen->cancellable, error))
    return FALSE;

  return TRUE;
}

/* Section: communities */

static const char *
platform_language (const char *platform)
{
  if (g_str_equal (platform, "telegram") || g_str_equal (platform, "vk") ||
      g_str_equal (platform, "habr"))
    return "ru";
  if (g_str_equal (platform, "reddit") || g_str_equal (platform, "xing") ||
      g_str_equal (platform, "viadeo") || g_str_equal (platform, "wellfound") ||
      g_str_equal (platform, "higher_logic") || g_str_equal (platform, "researchgate") ||
      g_str_equal (platform, "behance") || g_str_equal (platform, "dribbble") ||
      g_str_equal (platform, "mighty_networks") || g_str_equal (platform, "circle"))
    return "en";
  return NULL;
}

/* Makes a plausible community of @platform about @topic, writing its name
 * into gen->buf and its address into @url. */
static void
invent_community (Generator   *gen,
                  const char  *platform,
                  const Topic *topic,
                  const City  *city,
                  gboolean     russian,
                  GString     *url)
{
  const char *city_name = russian ? city->ru : city->en;
  GString *name = gen->buf;
  g_autofree char *slug = NULL;

  g_string_truncate (name, 0);
  g_string_truncate (url, 0);

  if (g_str_equal (platform, "meetup"))
    {
      g_string_printf (name, "%s %s Meetup", topic->en, city->en);
      slug = make_slug (name->str);
      g_string_printf (url, "https://www.meetup.com/%s/", slug);
    }
  else if (g_str_equal (platform, "local"))
    {
      if (russian)
        g_string_printf (name, "%s: %s", city->ru, topic->ru);
      else
        g_string_printf (name, "%s %s Club", city->en, topic->en);
    }
  else if (g_str_equal (platform, "telegram"))
    {
      if (chance (gen, 0.5))
        g_string_printf (name, "%s — чат", topic->ru);
      else
        g_string_printf (name, "%s: %s", topic->ru, city->ru);
      g_string_printf (url, "https://t.me/%s_%s", topic->slug, between (gen, 0, 1) ? "chat" : "ru");
    }
  else if (g_str_equal (platform, "vk"))
    {
      g_string_printf (name, "%s | %s", topic->ru, city_name);
      g_string_printf (url, "https://vk.com/%s_%u", topic->slug, (guint) between (gen, 10, 999));
    }
  else if (g_str_equal (platform, "habr"))
    {
      g_string_printf (name, "Habr: %s", topic->ru);
      g_string_printf (url, "https://habr.com/ru/hubs/%s/", topic->slug);
    }
  else if (g_str_equal (platform, "reddit"))
    {
      static const char * const forms[][2] = {
        { "r/", "" }, { "r/learn", "" }, { "r/", "careers" }, { "r/", "_jobs" },
      };
      guint form = g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (forms));

      g_string_printf (name, "%s%s%s", forms[form][0], topic->slug, forms[form][1]);
      g_string_printf (url, "https://www.reddit.com/%s/", name->str);
    }
  else if (g_str_equal (platform, "slack"))
    {
      g_string_printf (name, russian ? "%s: сообщество в Slack" : "%s Community",
                       russian ? topic->ru : topic->en);
      g_string_printf (url, "https://%s-community.slack.com/", topic->slug);
    }
  else if (g_str_equal (platform, "discord"))
    {
      g_string_printf (name, "%s Discord", topic->en);
      g_string_printf (url, "https://discord.gg/%s%u", topic->slug, (guint) between (gen, 1, 99));
    }
  else if (g_str_equal (platform, "linkedin"))
    {
      if (chance (gen, 0.5))
        g_string_printf (name, "%s Professionals", topic->en);
      else
        g_string_printf (name, "%s in %s", topic->en, city->en);
      g_string_printf (url, "https://www.linkedin.com/groups/%u/",
                       (guint) between (gen, 1000000, 9999999));
    }
  else if (g_str_equal (platform, "facebook"))
    {
      g_string_printf (name, "%s %s", city_name, russian ? topic->ru : topic->en);
      slug = make_slug (name->str);
      g_string_printf (url, "https://www.facebook.com/groups/%s/", slug);
    }
  else if (g_str_equal (platform, "github"))
    {
      g_string_printf (name, "awesome-%s", topic->slug);
      g_string_printf (url, "https://github.com/%s-community/awesome-%s", topic->slug,
                       topic->slug);
    }
  else if (g_str_equal (platform, "stack_overflow"))
    {
      g_string_printf (name, "Stack Overflow: %s", topic->en);
      g_string_printf (url, "https://stackoverflow.com/questions/tagged/%s", topic->slug);
    }
  else if (g_str_equal (platform, "medium"))
    {
      g_string_printf (name, "%s Weekly", topic->en);
      g_string_printf (url, "https://medium.com/%s-weekly", topic->slug);
    }
  else if (g_str_equal (platform, "xing"))
    {
      g_string_printf (name, "%s Netzwerk %s", topic->en, city->en);
      g_string_printf (url, "https://www.xing.com/communities/groups/%s-%u", topic->slug,
                       (guint) between (gen, 1000, 999999));
    }
  else if (g_str_equal (platform, "viadeo"))
    {
      g_string_printf (name, "%s France", topic->en);
      g_string_printf (url, "https://www.viadeo.com/fr/groups/%s", topic->slug);
    }
  else if (g_str_equal (platform, "wellfound"))
    {
      g_string_printf (name, "%s Startups", topic->en);
      g_string_printf (url, "https://wellfound.com/role/%s", topic->slug);
    }
  else if (g_str_equal (platform, "circle"))
    {
      g_string_printf (name, "%s Circle", topic->en);
      g_string_printf (url, "https://%s.circle.so/", topic->slug);
    }
  else if (g_str_equal (platform, "mighty_networks"))
    {
      g_string_printf (name, "%s Academy", topic->en);
      g_string_printf (url, "https://%s-academy.mn.co/", topic->slug);
    }
  else if (g_str_equal (platform, "higher_logic"))
    {
      g_string_printf (name, "%s Association Community", topic->en);
      g_string_printf (url, "https://community.%s.org/", topic->slug);
    }
  else if (g_str_equal (platform, "behance"))
    {
      g_string_printf (name, "Behance: %s", topic->en);
      g_string_printf (url, "https://www.behance.net/search/projects/%s", topic->slug);
    }
  else if (g_str_equal (platform, "dribbble"))
    {
      g_string_printf (name, "Dribbble: %s", topic->en);
      g_string_printf (url, "https://dribbble.com/tags/%s", topic->slug);
    }
  else if (g_str_equal (platform, "researchgate"))
    {
      g_string_printf (name, "%s Research Network", topic->en);
      g_string_printf (url, "https://www.researchgate.net/topic/%s", topic->slug);
    }
  else
    {
      g_string_printf (name, russian ? "Сообщество «%s»" : "%s Guild",
                       russian ? topic->ru : topic->en);
      g_string_printf (url, "https://%s.community/", topic->slug);
    }
}

static void
add_community_info (Generator   *gen,
                    gint64       id,
                    gboolean     russian,
                    const char  *platform,
                    const char  *status,
                    const City  *city,
                    const char  *name)
{
  CommunityInfo info = { 0 };
  guint index = gen->communities->len;
  double popularity;

  info.id = id;
  info.russian = russian;
  info.name = name;
  info.platform = platform;
  info.city = city;
  info.slug = make_slug (name);
  info.next_number = between (gen, 1, 90);
  g_array_append_val (gen->communities, info);
  g_ptr_array_add (gen->members, g_array_new (FALSE, FALSE, sizeof (gint64)));

  /* A few large communities and many small ones. */
  popularity = 1.0 / (0.02 + g_rand_double (gen->rand));
  weighted_set_add (russian ? &gen->ru_members : &gen->en_members, index, popularity);

  if (g_str_equal (status, "active"))
    weighted_set_add (&gen->engaged, index, 10 + popularity / 5);
  else if (g_str_equal (status, "exploring"))
    weighted_set_add (&gen->engaged, index, 3);
  else
    weighted_set_add (&gen->engaged, index, 1);
}

static const City *
find_city (const char *location)
{
  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    if (g_strcmp0 (location, cities[i].en) == 0 || g_strcmp0 (location, cities[i].ru) == 0)
      return &cities[i];

  return NULL;
}

static gboolean
generate_communities (Generator     *gen,
                      guint          n,
                      GError       **error)
{
  static const char * const statuses[] = { "active", "exploring", "paused", "left" };
  static const guint status_weights[] = { 45, 25, 18, 12 };
  static const char * const stages[] = {
    "novice", "experienced", "transitional", "transitional", "leaders", "experts",
  };
  static const char * const focuses[] = {
    "industry", "skill", "skill", "interest", "career", "career", "educational",
  };
  g_autoptr(GuildRecord) record = guild_record_new_for_kind (GUILD_RECORD_COMMUNITY);
  g_autoptr(GString) url = g_string_new (NULL);
  guint status_order[G_N_ELEMENTS (statuses)] = { 0, 1, 2, 3 };

  /* The first few communities take every status once, in a random order. */
  for (guint i = G_N_ELEMENTS (status_order) - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (gen->rand, 0, i + 1);
      guint tmp = status_order[i];

      status_order[i] = status_order[j];
      status_order[j] = tmp;
    }

  for (guint i = 0; i < n; i++)
    {
      const char *status;
      const char *platform;
      const char *language;
      const char *location;
      const char *name;
      const City *city = NULL;
      gboolean russian;
      const char *audience[3] = { NULL };
      guint32 joined;

      status = i < G_N_ELEMENTS (status_order)
        ? statuses[status_order[i]]
        : statuses[pick_weight (gen, status_weights, G_N_ELEMENTS (status_weights))];

      if (i < G_N_ELEMENTS (community_catalogue))
        {
          const CommunitySpec *spec = &community_catalogue[i];
          g_auto(GStrv) tags = spec->audience != NULL ? g_strsplit (spec->audience, "|", -1)
                                                      : NULL;

          platform = spec->platform;
          language = spec->language;
          russian = g_str_equal (language, "ru");
          location = spec->location;
          city = find_city (location);
          name = make_unique (gen->used_names, spec->name, " #");

          guild_record_set_text (record, "name", name);
          guild_record_set_text (record, "description", spec->description);
          guild_record_set_text (record, "url", spec->url);
          guild_record_set_text (record, "platform", spec->platform);
          guild_record_set_text (record, "format", spec->format);
          guild_record_set_text (record, "reach", spec->reach);
          guild_record_set_text (record, "focus", spec->focus);
          guild_record_set_text (record, "stage", spec->stage);
          guild_record_set_text (record, "industry", spec->industry);
          guild_record_set_strv (record, "audience", (const char * const *) tags);
        }
      else
        {
          const Topic *topic = &PICK (gen, topics);
          gboolean in_person;
          const char *format;
          const char *reach;
          guint n_audience;

          platform = PICK (gen, platforms_by_weight);
          in_person = g_str_equal (platform, "meetup") || g_str_equal (platform, "local");
          language = platform_language (platform);
          if (language == NULL)
            language = chance (gen, 0.5) ? "ru" : "en";
          russian = g_str_equal (language, "ru");

          /* Russian-speaking communities meet in Russian-speaking cities
           * (or among those who moved to Tbilisi, Belgrade …). */
          do
            city = &PICK (gen, cities);
          while (city->russian != russian);

          invent_community (gen, platform, topic, city, russian, url);
          name = make_unique (gen->used_names, gen->buf->str, " #");

          if (in_person)
            {
              format = chance (gen, 0.7) ? "offline" : "hybrid";
              reach = chance (gen, 0.2) ? "local" : "city";
              location = russian ? city->ru : city->en;
            }
          else
            {
              format = "online";
              reach = russian ? (chance (gen, 0.8) ? "national" : "regional")
                              : (chance (gen, 0.85) ? "global" : "national");
              location = "";
              city = NULL;
            }

          n_audience = chance (gen, 0.4) ? between (gen, 1, 2) : 0;
          for (guint a = 0; a < n_audience; a++)
            audience[a] = russian ? PICK (gen, ru_audiences) : PICK (gen, en_audiences);
          if (n_audience == 2 && g_str_equal (audience[0], audience[1]))
            audience[1] = NULL;

          guild_record_set_text (record, "name", name);
          g_string_printf (gen->buf, russian ? "Сообщество о теме «%s»: вопросы, вакансии, встречи."
                                             : "A community about %s: questions, jobs and meetups.",
                           russian ? topic->ru : topic->en);
          guild_record_set_text (record, "description", gen->buf->str);
          guild_record_set_text (record, "url", url->str);
          guild_record_set_text (record, "platform", platform);
          guild_record_set_text (record, "format", format);
          guild_record_set_text (record, "reach", reach);
          guild_record_set_text (record, "focus", PICK (gen, focuses));
          guild_record_set_text (record, "stage", PICK (gen, stages));
          guild_record_set_text (record, "industry", topic->industry);
          guild_record_set_strv (record, "audience", audience);
        }

      guild_record_set_text (record, "location", location);
      guild_record_set_text (record, "language", language);
      guild_record_set_text (record, "status", status);

      if (g_str_equal (status, "exploring"))
        joined = gen->today - between (gen, 1, 60);
      else
        joined = gen->today - between (gen, 30, HISTORY_DAYS);
      set_day (record, "joined-on", joined);

      if (chance (gen, 0.6))
        guild_record_set_text (record, "goals", russian ? PICK (gen, ru_community_goals)
                                                        : PICK (gen, en_community_goals));
      else
        guild_record_set_text (record, "goals", "");
      if (chance (gen, 0.3))
        guild_record_set_text (record, "notes", russian ? PICK (gen, ru_community_notes)
                                                        : PICK (gen, en_community_notes));
      else
        guild_record_set_text (record, "notes", "");

      _guild_record_set_id (record, 0);
      if (!guild_store_add (gen->store, record, error))
        return FALSE;

      add_community_info (gen, guild_record_get_id (record), russian, platform, status, city,
                          name);

      if (!step (gen, error))
        return FALSE;
    }

  return TRUE;
}

/* Section: events */

static const char * const en_event_zones[] = {
  "Europe/Berlin", "America/New_York", "Europe/London",
};

static const char * const en_ama_guests[] = {
  "Head of Data", "Senior Product Manager", "Technical Recruiter", "Staff Engineer",
  "Design Director", "career changer who became an engineering manager",
};

static const char * const ru_ama_topics[] = {
  "вопросы руководителю аналитики", "как пройти собеседование в продукт",
  "вопросы IT-рекрутеру", "путь из учителя в разработчики", "вопросы тимлиду",
};

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static void
append_letters (Generator *gen,
                GString   *out,
                guint      n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, (char) ('a' + g_rand_int_range (gen->rand, 0, 26)));
}

/* Writes the title of an event into gen->buf. */
static void
write_event_title (Generator     *gen,
                   const char    *kind,
                   CommunityInfo *community,
                   gboolean       russian,
                   guint32        day)
{
  GDate date;
  guint year;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  year = g_date_get_year (&date);

  if (g_str_equal (kind, "meetup"))
    {
      /* Numbered meetups belong to communities that meet somewhere. */
      if (community != NULL && community->city != NULL && chance (gen, 0.7))
        g_string_printf (gen->buf, "%s #%u", community->name, community->next_number++);
      else
        g_string_printf (gen->buf, russian ? "Митап: %s" : "Meetup: %s",
                         russian ? PICK (gen, ru_talks) : PICK (gen, en_talks));
    }
  else if (g_str_equal (kind, "webinar"))
    g_string_printf (gen->buf, russian ? "Вебинар: %s" : "Webinar: %s",
                     russian ? PICK (gen, ru_talks) : PICK (gen, en_talks));
  else if (g_str_equal (kind, "conference"))
    g_string_printf (gen->buf, "%s %u",
                     russian ? PICK (gen, ru_conferences) : PICK (gen, en_conferences), year);
  else if (g_str_equal (kind, "workshop"))
    g_string_printf (gen->buf, russian ? "Воркшоп: %s" : "Workshop: %s",
                     russian ? PICK (gen, ru_talks) : PICK (gen, en_talks));
  else if (g_str_equal (kind, "hackathon"))
    g_string_printf (gen->buf, "%s %u",
                     russian ? PICK (gen, ru_hackathons) : PICK (gen, en_hackathons), year);
  else if (g_str_equal (kind, "ama"))
    g_string_printf (gen->buf, russian ? "AMA: %s" : "AMA with a %s",
                     russian ? PICK (gen, ru_ama_topics) : PICK (gen, en_ama_guests));
  else if (g_str_equal (kind, "networking"))
    g_string_assign (gen->buf, russian ? PICK (gen, ru_networking) : PICK (gen, en_networking));
  else
    {
      const Topic *topic = &PICK (gen, topics);

      g_string_printf (gen->buf, russian ? "Учебная группа: %s" : "Study group: %s",
                       russian ? topic->ru : topic->en);
    }
}

static const char *
event_status (Generator *gen,
              gboolean   past)
{
  static const char * const past_statuses[] = {
    "attended", "missed", "cancelled", "going", "planned",
  };
  static const guint past_weights[] = { 64, 24, 7, 2, 3 };
  static const char * const future_statuses[] = { "planned", "going", "cancelled" };
  static const guint future_weights[] = { 55, 38, 7 };

  if (past)
    return past_statuses[pick_weight (gen, past_weights, G_N_ELEMENTS (past_weights))];

  return future_statuses[pick_weight (gen, future_weights, G_N_ELEMENTS (future_weights))];
}

/* The online link of an event, into @url. */
static void
write_online_url (Generator *gen,
                  gboolean   russian,
                  GString   *url)
{
  switch (g_rand_int_range (gen->rand, 0, 4))
    {
    case 0:
      g_string_printf (url, "https://zoom.us/j/%u%05u", (guint) between (gen, 81000, 99999),
                       (guint) between (gen, 0, 99999));
      break;
    case 1:
      g_string_assign (url, "https://meet.google.com/");
      append_letters (gen, url, 3);
      g_string_append_c (url, '-');
      append_letters (gen, url, 4);
      g_string_append_c (url, '-');
      append_letters (gen, url, 3);
      break;
    case 2:
      if (russian)
        g_string_printf (url, "https://telemost.yandex.ru/j/%u%06u",
                         (guint) between (gen, 1000, 9999), (guint) between (gen, 0, 999999));
      else
        {
          g_string_assign (url, "https://www.youtube.com/live/");
          append_letters (gen, url, 11);
        }
      break;
    default:
      if (russian)
        g_string_printf (url, "https://timepad.ru/event/%u/",
                         (guint) between (gen, 2000000, 3200000));
      else
        g_string_printf (url, "https://lu.ma/%c%c%c%u", 'a' + between (gen, 0, 25),
                         'a' + between (gen, 0, 25), 'a' + between (gen, 0, 25),
                         (guint) between (gen, 10, 99));
      break;
    }
}

static gboolean
generate_events (Generator  *gen,
                 guint       n,
                 GError    **error)
{
  static const char * const repeats[] = {
    "FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY",
  };
  g_autoptr(GArray) days = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) url = g_string_new (NULL);
  guint32 first = gen->today - EVENTS_BEFORE_DAYS;
  gint64 now = day_start_utc (gen, gen->today);

  for (guint i = 0; i < n; i++)
    {
      guint32 day = first + g_rand_int_range (gen->rand, 0,
                                              EVENTS_BEFORE_DAYS + EVENTS_AFTER_DAYS + 1);
      g_array_append_val (days, day);
    }
  g_array_sort (days, compare_guint32);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GuildRecord) record = guild_record_new_for_kind (GUILD_RECORD_EVENT);
      EventInfo info = { 0 };
      CommunityInfo *community = NULL;
      const City *city = NULL;
      const char *tzid;
      gboolean in_person, all_day = FALSE;
      guint32 day = g_array_index (days, guint32, i);

      info.day = day;
      info.community = chance (gen, 0.85) ? weighted_set_pick (&gen->engaged, gen->rand) : -1;
      if (info.community >= 0)
        community = &g_array_index (gen->communities, CommunityInfo, info.community);
      info.russian = community != NULL ? community->russian : chance (gen, 0.5);
      info.kind = pick_event_kind (gen);

      /* Webinars and AMAs are online; the rest meet where their community
       * does, or often somewhere in town anyway. */
      if (g_str_equal (info.kind, "webinar") || g_str_equal (info.kind, "ama"))
        in_person = FALSE;
      else
        in_person = (community != NULL && community->city != NULL) ||
                    ((g_str_equal (info.kind, "conference") ||
                      g_str_equal (info.kind, "hackathon") ||
                      g_str_equal (info.kind, "networking")) && chance (gen, 0.7)) ||
                    (g_str_equal (info.kind, "meetup") && chance (gen, 0.5));
      if (in_person)
        {
          if (community != NULL && community->city != NULL)
            city = community->city;
          else
            do
              city = &PICK (gen, cities);
            while (city->russian != info.russian);
          tzid = city->tzid;
        }
      else
        tzid = info.russian ? "Europe/Moscow" : PICK (gen, en_event_zones);

      if (g_str_equal (info.kind, "conference"))
        all_day = chance (gen, 0.6);
      else if (g_str_equal (info.kind, "hackathon"))
        all_day = chance (gen, 0.5);
      else if (g_str_equal (info.kind, "other"))
        all_day = chance (gen, 0.1);

      if (all_day)
        {
          guint n_days = g_str_equal (info.kind, "other") ? 1 : (guint) between (gen, 1, 2);

          /* All-day events span whole days, the end excluded, as in iCalendar,
           * and float: they have no time zone. */
          info.starts_at = day_start_utc (gen, day);
          info.ends_at = day_start_utc (gen, day + n_days);
          tzid = "";
        }
      else
        {
          int hour, minute = 0, duration;

          if (g_str_equal (info.kind, "meetup") || g_str_equal (info.kind, "networking"))
            {
              hour = between (gen, 18, 19);
              minute = chance (gen, 0.5) ? 0 : 30;
              duration = between (gen, 4, 6) * 30;
            }
          else if (g_str_equal (info.kind, "webinar") || g_str_equal (info.kind, "ama"))
            {
              static const int hours[] = { 12, 13, 17, 18, 19, 20 };

              hour = PICK (gen, hours);
              duration = chance (gen, 0.7) ? 60 : 90;
            }
          else if (g_str_equal (info.kind, "workshop"))
            {
              hour = chance (gen, 0.5) ? 11 : 18;
              duration = between (gen, 2, 4) * 60;
            }
          else if (g_str_equal (info.kind, "conference") || g_str_equal (info.kind, "hackathon"))
            {
              hour = 10;
              duration = between (gen, 8, 10) * 60;
            }
          else
            {
              hour = 18;
              duration = 90;
            }

          info.starts_at = local_to_utc (gen, tzid, day, hour, minute);
          info.ends_at = info.starts_at + duration * 60;
        }

      info.status = event_status (gen, info.starts_at < now);

      g_string_printf (text, "gen-%u-%u@guild", gen->seed, i + 1);
      guild_record_set_text (record, "uid", text->str);
      write_event_title (gen, info.kind, community, info.russian, day);
      guild_record_set_text (record, "title", gen->buf->str);
      guild_record_set_int (record, "starts-at", info.starts_at);
      guild_record_set_int (record, "ends-at", info.ends_at);
      guild_record_set_int (record, "all-day", all_day);
      guild_record_set_text (record, "tzid", tzid);

      if (!all_day && (g_str_equal (info.kind, "meetup") || g_str_equal (info.kind, "webinar") ||
                       g_str_equal (info.kind, "other")) && chance (gen, 0.06))
        {
          g_string_printf (text, "%s;COUNT=%u", PICK (gen, repeats), (guint) between (gen, 6, 12));
          guild_record_set_text (record, "rrule", text->str);
        }

      guild_record_set_text (record, "kind", info.kind);
      guild_record_set_text (record, "status", info.status);

      g_string_truncate (url, 0);
      if (in_person)
        {
          g_string_printf (text, "%s, %s", info.russian ? city->ru : city->en,
                           info.russian ? PICK (gen, ru_venues) : PICK (gen, en_venues));
          guild_record_set_text (record, "location", text->str);
          if (community != NULL && g_str_equal (community->platform, "meetup"))
            g_string_printf (url, "https://www.meetup.com/%s/events/%u/", community->slug,
                             (guint) between (gen, 290000000, 309999999));
          else if (chance (gen, 0.3))
            write_online_url (gen, info.russian, url);
        }
      else
        {
          guild_record_set_text (record, "location", info.russian ? "Онлайн" : "Online");
          write_online_url (gen, info.russian, url);
        }
      guild_record_set_text (record, "url", url->str);
      guild_record_set_int (record, "community-id", community != NULL ? community->id : 0);

      if (g_str_equal (info.status, "attended") && chance (gen, 0.6))
        guild_record_set_text (record, "notes", info.russian ? PICK (gen, ru_takeaways)
                                                             : PICK (gen, en_takeaways));

      if (!guild_store_add (gen->store, record, error))
        return FALSE;

      info.id = guild_record_get_id (record);
      g_array_append_val (gen->events, info);
      g_ptr_array_add (gen->event_records, g_steal_pointer (&record));
      if (info.starts_at < now && g_str_equal (info.status, "attended"))
        g_array_append_val (gen->attended, i);

      if (!step (gen, error))
        return FALSE;
    }

  return TRUE;
}

static void
add_unique_id (GArray *ids,
               gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;

  g_array_append_val (ids, id);
}

static gint64
random_contact (Generator *gen,
                int        community)
{
  if (community >= 0)
    {
      GArray *members = g_ptr_array_index (gen->members, community);

      if (members->len > 0 && chance (gen, 0.75))
        return g_array_index (members, gint64, g_rand_int_range (gen->rand, 0, members->len));
    }

  if (gen->contacts->len == 0)
    return 0;

  return g_array_index (gen->contacts, gint64, g_rand_int_range (gen->rand, 0, gen->contacts->len));
}

/* Events learn who was there once the contacts exist. */
static gboolean
update_attendees (Generator  *gen,
                  GError    **error)
{
  for (guint i = 0; i < gen->events->len; i++)
    {
      EventInfo *info = &g_array_index (gen->events, EventInfo, i);
      GuildRecord *record = g_ptr_array_index (gen->event_records, i);
      guint extra = 0;

      if (g_str_equal (info->status, "attended"))
        extra = between (gen, 0, 4);
      else if (g_str_equal (info->status, "going"))
        extra = between (gen, 0, 2);

      for (guint j = 0; j < extra && gen->contacts->len > 0; j++)
        {
          if (info->attendees == NULL)
            info->attendees = g_array_new (FALSE, FALSE, sizeof (gint64));
          add_unique_id (info->attendees, random_contact (gen, info->community));
        }

      if (info->attendees != NULL && info->attendees->len > 0)
        {
          guild_record_set_ids (record, "attendees",
                                (const gint64 *) (gpointer) info->attendees->data,
                                info->attendees->len);
          if (!guild_store_update (gen->store, record, error))
            return FALSE;
        }

      if (!step (gen, error))
        return FALSE;
    }

  /* The records are not needed any more; the infos are. */
  g_ptr_array_set_size (gen->event_records, 0);
  return TRUE;
}

/* Section: contacts */

static void
append_email_local (Generator  *gen,
                    GString    *out,
                    const char *given,
                    const char *family)
{
  switch (g_rand_int_range (gen->rand, 0, 4))
    {
    case 0:
      append_latin (out, given, 0);
      g_string_append_c (out, '.');
      append_latin (out, family, 0);
      break;
    case 1:
      {
        char initial[8] = { 0 };

        g_unichar_to_utf8 (g_utf8_get_char (given), initial);
        append_latin (out, initial, 0);
        append_latin (out, family, 0);
      }
      break;
    case 2:
      append_latin (out, family, 0);
      g_string_append_c (out, '.');
      append_latin (out, given, 0);
      break;
    default:
      append_latin (out, given, 0);
      g_string_append_c (out, '_');
      append_latin (out, family, 0);
      break;
    }
}

static gboolean
generate_contacts (Generator  *gen,
                   guint       n,
                   GError    **error)
{
  static const guint membership_weights[] = { 50, 35, 15 };
  static const guint tag_weights[] = { 40, 35, 18, 7 };
  static const guint quality_weights[] = { 5, 15, 35, 30, 15 };
  static const guint cadences[] = { 14, 30, 60, 90, 180 };
  g_autoptr(GuildRecord) record = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  g_autoptr(GString) family_buf = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) communities = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) community_indexes = g_array_new (FALSE, FALSE, sizeof (int));
  guint role_weights[G_N_ELEMENTS (roles)];
  guint32 first = gen->today - HISTORY_DAYS;
  struct
  {
    guint birthday, cadence_days, communities, company, connected_on, connection_quality;
    guint emails, family_name, full_name, given_name, location, met_at_community;
    guint met_at_event, notes, phones, position, relationship, tags, urls;
  } f;

  f.birthday = field_index (record, "birthday");
  f.cadence_days = field_index (record, "cadence-days");
  f.communities = field_index (record, "communities");
  f.company = field_index (record, "company");
  f.connected_on = field_index (record, "connected-on");
  f.connection_quality = field_index (record, "connection-quality");
  f.emails = field_index (record, "emails");
  f.family_name = field_index (record, "family-name");
  f.full_name = field_index (record, "full-name");
  f.given_name = field_index (record, "given-name");
  f.location = field_index (record, "location");
  f.met_at_community = field_index (record, "met-at-community");
  f.met_at_event = field_index (record, "met-at-event");
  f.notes = field_index (record, "notes");
  f.phones = field_index (record, "phones");
  f.position = field_index (record, "position");
  f.relationship = field_index (record, "relationship");
  f.tags = field_index (record, "tags");
  f.urls = field_index (record, "urls");

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    role_weights[i] = roles[i].weight;

  for (guint i = 0; i < n; i++)
    {
      gboolean russian = chance (gen, 0.5);
      gboolean female = chance (gen, 0.5);
      const Role *role = &roles[pick_weight (gen, role_weights, G_N_ELEMENTS (role_weights))];
      const char *given, *family;
      const Company *company;
      const char *emails[3] = { NULL };
      const char *urls[4] = { NULL };
      const char *phones[2] = { NULL };
      const char *tags[4] = { NULL };
      g_autofree char *email1 = NULL;
      g_autofree char *email2 = NULL;
      g_autofree char *phone = NULL;
      g_autofree char *linkedin = NULL;
      g_autofree char *github = NULL;
      g_autofree char *telegram = NULL;
      g_autofree char *slug = NULL;
      guint n_urls = 0, n_emails = 0, n_tags;
      int met_event = -1, met_community = -1;
      guint32 connected = 0;
      char day[11];
      gint64 created;
      gint64 id;

      if (russian)
        {
          given = female ? PICK (gen, ru_female_given) : PICK (gen, ru_male_given);
          family = PICK (gen, ru_family);
          if (female)
            family = feminine_surname (family_buf, family);
          company = chance (gen, 0.85) ? &PICK (gen, ru_companies) : &PICK (gen, en_companies);
        }
      else
        {
          given = female ? PICK (gen, en_female_given) : PICK (gen, en_male_given);
          family = PICK (gen, en_family);
          company = &PICK (gen, en_companies);
        }
      if (chance (gen, 0.04))
        company = NULL;

      g_string_printf (text, "%s %s", given, family);
      put_text (record, f.full_name, text->str);
      put_text (record, f.given_name, given);
      put_text (record, f.family_name, family);
      put_text (record, f.company, company != NULL ? company->name : "");
      put_text (record, f.position, russian ? role->ru : role->en);

      /* E-mail addresses come from the transliterated name; a number keeps
       * namesakes apart, as the mail services do. */
      g_string_truncate (text, 0);
      append_email_local (gen, text, given, family);
      email1 = g_strdup_printf ("%s@%s", make_unique (gen->used_emails, text->str, ""),
                                russian ? PICK (gen, ru_email_domains)
                                        : PICK (gen, en_email_domains));
      emails[n_emails++] = email1;
      if (company != NULL && company->domain != NULL && chance (gen, 0.25))
        {
          g_string_truncate (text, 0);
          append_latin (text, given, 0);
          g_string_append_c (text, '.');
          append_latin (text, family, 0);
          email2 = g_strdup_printf ("%s@%s", text->str, company->domain);
          /* A work address first, when there is one. */
          emails[n_emails++] = email1;
          emails[0] = email2;
        }
      put_strv (record, f.emails, emails);

      if (chance (gen, 0.3))
        {
          if (russian)
            phone = g_strdup_printf ("+7 9%02d %03d-%02d-%02d", between (gen, 0, 99),
                                     between (gen, 0, 999), between (gen, 0, 99),
                                     between (gen, 0, 99));
          else
            switch (g_rand_int_range (gen->rand, 0, 3))
              {
              case 0:
                phone = g_strdup_printf ("+1 (%03d) 555-%04d", between (gen, 201, 989),
                                         between (gen, 100, 199));
                break;
              case 1:
                phone = g_strdup_printf ("+44 7%03d %06d", between (gen, 100, 999),
                                         between (gen, 0, 999999));
                break;
              default:
                phone = g_strdup_printf ("+49 15%d %07d", between (gen, 1, 9),
                                         between (gen, 0, 9999999));
                break;
              }
          phones[0] = phone;
        }
      put_strv (record, f.phones, phones);

      g_string_truncate (text, 0);
      append_latin (text, given, 0);
      g_string_append_c (text, '-');
      append_latin (text, family, 0);
      slug = g_strdup (text->str);
      if (chance (gen, 0.55))
        {
          linkedin = g_strdup_printf ("https://www.linkedin.com/in/%s-%06x", slug,
                                      (guint) between (gen, 0, 0xffffff));
          urls[n_urls++] = linkedin;
        }
      if (role->developer && chance (gen, 0.35))
        {
          g_string_truncate (text, 0);
          append_latin (text, given, 0);
          g_string_truncate (text, 1);
          append_latin (text, family, 0);
          /* Real handles are unique; a suffix keeps 100,000 people apart. */
          github = g_strdup_printf ("https://github.com/%s%04x", text->str,
                                    (guint) between (gen, 0, 0xffff));
          urls[n_urls++] = github;
        }
      if (russian && chance (gen, 0.15))
        {
          telegram = g_strdup_printf ("https://t.me/%s%04x", slug,
                                      (guint) between (gen, 0, 0xffff));
          g_strdelimit (telegram, "-", '_');
          urls[n_urls++] = telegram;
        }
      put_strv (record, f.urls, urls);

      if (russian)
        put_text (record, f.location,
                               cities[pick_weight (gen, ru_city_weights,
                                                   G_N_ELEMENTS (ru_city_weights))].ru);
      else
        put_text (record, f.location, PICK (gen, en_locations));

      put_text (record, f.relationship,
                             chance (gen, 0.65) ? role->relationship : PICK (gen, relationships));

      /* Where and when we met. */
      if (gen->attended->len > 0 && chance (gen, 0.15))
        {
          met_event = g_array_index (gen->attended, guint,
                                     g_rand_int_range (gen->rand, 0, gen->attended->len));
          connected = g_array_index (gen->events, EventInfo, met_event).day;
          met_community = g_array_index (gen->events, EventInfo, met_event).community;
        }
      else if (chance (gen, 0.85))
        connected = first + (guint32) (HISTORY_DAYS * sqrt (g_rand_double (gen->rand)));
      else if (chance (gen, 0.7))
        connected = first - between (gen, 1, 1500);

      g_array_set_size (communities, 0);
      g_array_set_size (community_indexes, 0);
      if (gen->communities->len > 0)
        {
          guint n_memberships = 1 + pick_weight (gen, membership_weights,
                                                 G_N_ELEMENTS (membership_weights));

          if (met_community >= 0)
            g_array_append_val (community_indexes, met_community);

          for (guint tries = 0; community_indexes->len < n_memberships && tries < 8; tries++)
            {
              WeightedSet *own = russian ? &gen->ru_members : &gen->en_members;
              WeightedSet *other = russian ? &gen->en_members : &gen->ru_members;
              WeightedSet *set = chance (gen, 0.8) ? own : other;
              int index;
              gboolean seen = FALSE;

              if (set->index->len == 0)
                set = set == own ? other : own;
              index = weighted_set_pick (set, gen->rand);

              for (guint k = 0; k < community_indexes->len; k++)
                seen |= g_array_index (community_indexes, int, k) == index;
              if (!seen)
                g_array_append_val (community_indexes, index);
            }

          for (guint k = 0; k < community_indexes->len; k++)
            {
              int index = g_array_index (community_indexes, int, k);
              gint64 community_id = g_array_index (gen->communities, CommunityInfo, index).id;

              g_array_append_val (communities, community_id);
            }

          if (met_community < 0 && chance (gen, 0.5))
            met_community = g_array_index (community_indexes, int, 0);
        }

      if (connected != 0)
        format_day (connected, day);
      put_text (record, f.connected_on, connected != 0 ? day : "");
      put_int (record, f.met_at_community,
                            met_community >= 0
                              ? g_array_index (gen->communities, CommunityInfo, met_community).id
                              : 0);
      put_int (record, f.met_at_event,
                            met_event >= 0
                              ? g_array_index (gen->events, EventInfo, met_event).id
                              : 0);

      if (chance (gen, 0.3))
        {
          guint month = between (gen, 1, 12);
          guint mday = between (gen, 1, g_date_get_days_in_month (month, 2001));

          if (chance (gen, 0.35))
            g_string_printf (text, "--%02u-%02u", month, mday);
          else
            g_string_printf (text, "%04d-%02u-%02u", between (gen, 1968, 2003), month, mday);
          put_text (record, f.birthday, text->str);
        }
      else
        put_text (record, f.birthday, "");

      put_int (record, f.connection_quality,
                            chance (gen, 0.4)
                              ? 1 + pick_weight (gen, quality_weights,
                                                 G_N_ELEMENTS (quality_weights))
                              : 0);
      put_int (record, f.cadence_days, chance (gen, 0.2) ? PICK (gen, cadences) : 0);

      n_tags = pick_weight (gen, tag_weights, G_N_ELEMENTS (tag_weights));
      for (guint t = 0; t < n_tags; t++)
        {
          const char *tag = PICK (gen, tag_pool);
          gboolean seen = FALSE;

          for (guint k = 0; tags[k] != NULL; k++)
            seen |= g_str_equal (tags[k], tag);
          if (!seen)
            tags[t] = tag;
          else
            break;
        }
      put_strv (record, f.tags, tags);

      put_text (record, f.notes,
                             chance (gen, 0.25) ? (russian ? PICK (gen, ru_contact_notes)
                                                           : PICK (gen, en_contact_notes))
                                                : "");
      put_ids (record, f.communities, (const gint64 *) (gpointer) communities->data,
                            communities->len);

      /* The day the contact was added to Guild: metrics use it when the
       * connection day is unknown, so it must not be today. */
      created = day_start_utc (gen, connected != 0 ? MAX (connected, first)
                                                   : first + between (gen, 0, HISTORY_DAYS - 1));
      _guild_record_set_id (record, 0);
      _guild_record_set_times (record, created + 12 * 3600, 0);
      if (!guild_store_add (gen->store, record, error))
        return FALSE;

      id = guild_record_get_id (record);
      g_array_append_val (gen->contacts, id);
      for (guint k = 0; k < community_indexes->len; k++)
        {
          GArray *members = g_ptr_array_index (gen->members,
                                               g_array_index (community_indexes, int, k));

          g_array_append_val (members, id);
        }
      if (met_event >= 0)
        {
          EventInfo *event = &g_array_index (gen->events, EventInfo, met_event);

          if (event->attendees == NULL)
            event->attendees = g_array_new (FALSE, FALSE, sizeof (gint64));
          add_unique_id (event->attendees, id);
        }

      if (!step (gen, error))
        return FALSE;
    }

  return TRUE;
}

/* Section: activities */

static int
compare_seeds (gconstpointer a,
               gconstpointer b)
{
  const ActivitySeed *x = a;
  const ActivitySeed *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->event < y->event ? -1 : x->event > y->event;
}

static void
write_activity_url (Generator    *gen,
                    const char   *kind,
                    gboolean      russian,
                    GString      *url)
{
  g_string_truncate (url, 0);

  if (g_str_equal (kind, "publish") && chance (gen, 0.8))
    {
      if (russian)
        g_string_printf (url, "https://habr.com/ru/articles/%u/",
                         (guint) between (gen, 700000, 880000));
      else if (chance (gen, 0.5))
        g_string_printf (url, "https://medium.com/@career-switch/notes-%08x",
                         (guint) g_rand_int (gen->rand));
      else
        g_string_printf (url, "https://www.linkedin.com/feed/update/urn:li:activity:7%09u%09u",
                         (guint) between (gen, 0, 999999999), (guint) between (gen, 0, 999999999));
    }
  else if (g_str_equal (kind, "share_resource") && chance (gen, 0.6))
    g_string_assign (url, PICK (gen, shared_resources));
}

/* Likes follow a long tail: most posts get a few, some get hundreds. */
static int
long_tail (Generator *gen,
           int        max)
{
  double u = g_rand_double (gen->rand);

  return (int) (u * u * u * max);
}

static gboolean
generate_activities (Generator  *gen,
                     guint       n,
                     GError    **error)
{
  g_autoptr(GArray) seeds = g_array_sized_new (FALSE, FALSE, sizeof (ActivitySeed), n);
  g_autoptr(GuildRecord) record = guild_record_new_for_kind (GUILD_RECORD_ACTIVITY);
  g_autoptr(GArray) contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) url = g_string_new (NULL);
  guint weights[G_N_ELEMENTS (activity_kinds)];
  guint n_from_events = MIN (gen->attended->len, n / 10);
  guint32 first = gen->today - HISTORY_DAYS;
  struct
  {
    guint at, comments, community_id, contacts, event_id, kind, likes, minutes, note, reposts;
    guint skills, url;
  } f;

  f.at = field_index (record, "at");
  f.comments = field_index (record, "comments");
  f.community_id = field_index (record, "community-id");
  f.contacts = field_index (record, "contacts");
  f.event_id = field_index (record, "event-id");
  f.kind = field_index (record, "kind");
  f.likes = field_index (record, "likes");
  f.minutes = field_index (record, "minutes");
  f.note = field_index (record, "note");
  f.reposts = field_index (record, "reposts");
  f.skills = field_index (record, "skills");
  f.url = field_index (record, "url");

  for (guint k = 0; k < G_N_ELEMENTS (activity_kinds); k++)
    weights[k] = activity_kinds[k].weight;
  if (gen->attended->len > 0)
    weights[ATTEND_EVENT_KIND] = 0;

  /* First the attended events, spread over all of them … */
  for (guint i = 0; i < n_from_events; i++)
    {
      guint index = g_array_index (gen->attended, guint,
                                   (guint64) i * gen->attended->len / n_from_events);
      ActivitySeed seed = { g_array_index (gen->events, EventInfo, index).starts_at,
                            ATTEND_EVENT_KIND, (int) index };

      g_array_append_val (seeds, seed);
    }

  /* … then everything else: more often lately, less at weekends, mostly in
   * the evening. The first of them take every kind once. */
  for (guint i = n_from_events; i < n; i++)
    {
      guint cover = i - n_from_events;
      ActivitySeed seed = { 0, 0, -1 };
      guint32 day;
      int r, hour;

      if (cover < G_N_ELEMENTS (activity_kinds) && weights[cover] > 0)
        seed.kind = cover;
      else
        seed.kind = pick_weight (gen, weights, G_N_ELEMENTS (weights));

      /* A third of the days are spread evenly; the rest grow more frequent
       * as the habit forms (the density of sqrt(u) rises linearly). */
      do
        {
          double u = g_rand_double (gen->rand);

          day = first + (guint32) (HISTORY_DAYS * (chance (gen, 0.3) ? u : sqrt (u)));
        }
      while (weekday (day) >= 5 && chance (gen, 0.55));

      r = g_rand_int_range (gen->rand, 0, 100);
      if (r < 15)
        hour = between (gen, 7, 9);
      else if (r < 35)
        hour = between (gen, 12, 13);
      else if (r < 45)
        hour = between (gen, 10, 17);
      else
        hour = between (gen, 18, 23);

      seed.at = day_start_utc (gen, day) + hour * 3600 + between (gen, 0, 59) * 60 -
                USER_UTC_OFFSET;
      g_array_append_val (seeds, seed);
    }

  g_array_sort (seeds, compare_seeds);

  for (guint i = 0; i < seeds->len; i++)
    {
      const ActivitySeed *seed = &g_array_index (seeds, ActivitySeed, i);
      const ActivityKind *kind = &activity_kinds[seed->kind];
      EventInfo *event = seed->event >= 0 ? &g_array_index (gen->events, EventInfo, seed->event)
                                          : NULL;
      int community;
      gboolean russian;
      guint n_contacts;
      int likes = 0, comments = 0, reposts = 0;

      if (event != NULL)
        community = event->community;
      else
        community = chance (gen, 0.92) ? weighted_set_pick (&gen->engaged, gen->rand) : -1;
      russian = community >= 0 ? g_array_index (gen->communities, CommunityInfo, community).russian
                               : chance (gen, 0.5);

      put_int (record, f.at, seed->at);
      put_text (record, f.kind, kind->kind);
      if (event != NULL)
        put_int (record, f.minutes, MIN (480, (event->ends_at - event->starts_at) / 60));
      else
        put_int (record, f.minutes, between (gen, kind->min_minutes, kind->max_minutes));
      put_int (record, f.community_id,
                            community >= 0
                              ? g_array_index (gen->communities, CommunityInfo, community).id
                                           : 0);
      put_int (record, f.event_id, event != NULL ? event->id : 0);

      g_array_set_size (contacts, 0);
      n_contacts = kind->max_contacts > 0 ? (guint) between (gen, 0, kind->max_contacts) : 0;
      if (n_contacts == 0 &&
          (g_str_equal (kind->kind, "connect") || g_str_equal (kind->kind, "message")))
        n_contacts = 1;
      for (guint c = 0; c < n_contacts; c++)
        {
          gint64 id;

          if (event != NULL && event->attendees != NULL && event->attendees->len > 0)
            id = g_array_index (event->attendees, gint64,
                                g_rand_int_range (gen->rand, 0, event->attendees->len));
          else
            id = random_contact (gen, community);
          if (id != 0)
            add_unique_id (contacts, id);
        }
      put_ids (record, f.contacts, (const gint64 *) (gpointer) contacts->data,
                            contacts->len);

      if (kind->strategy == STRATEGY_LEARNING && chance (gen, 0.25))
        put_ids (record, f.skills, &PICK (gen, gen->skill_ids), 1);
      else
        put_ids (record, f.skills, NULL, 0);

      if (kind->strategy == STRATEGY_VALUE)
        {
          if (g_str_equal (kind->kind, "publish"))
            {
              likes = long_tail (gen, 400);
              comments = likes / 8 + between (gen, 0, 5);
              reposts = likes / 15 + between (gen, 0, 3);
            }
          else if (g_str_equal (kind->kind, "share_experience"))
            {
              likes = long_tail (gen, 120);
              comments = likes / 6 + between (gen, 0, 3);
              reposts = between (gen, 0, 2);
            }
          else if (g_str_equal (kind->kind, "share_resource"))
            {
              likes = long_tail (gen, 60);
              reposts = likes / 4;
            }
          else
            {
              likes = between (gen, 0, 8);
              comments = between (gen, 0, 2);
            }
        }
      put_int (record, f.likes, likes);
      put_int (record, f.comments, comments);
      put_int (record, f.reposts, reposts);

      write_activity_url (gen, kind->kind, russian, url);
      put_text (record, f.url, url->str);
      if (chance (gen, 0.55))
        put_text (record, f.note,
                               russian ? ru_activity_notes[seed->kind][between (gen, 0, 2)]
                                       : en_activity_notes[seed->kind][between (gen, 0, 2)]);
      else
        put_text (record, f.note, "");

      _guild_record_set_id (record, 0);
      _guild_record_set_times (record, 0, 0);
      if (!guild_store_add (gen->store, record, error))
        return FALSE;

      if (!step (gen, error))
        return FALSE;
    }

  return TRUE;
}

/* Section: check-ins, skills, courses, profile */

static int
rating (Generator *gen,
        double     mean)
{
  double value = mean + (g_rand_double (gen->rand) - 0.5) * 2.0;

  return CLAMP ((int) floor (value + 0.5), 1, 5);
}

static gboolean
generate_checkins (Generator  *gen,
                   guint       n,
                   GError    **error)
{
  g_autoptr(GuildRecord) record = guild_record_new_for_kind (GUILD_RECORD_CHECKIN);

  for (guint i = 0; i < n; i++)
    {
      /* Confidence grows over the two years, with bad weeks in between. */
      double t = n > 1 ? (double) i / (n - 1) : 1.0;
      double mean = 2.2 + 1.8 * t;

      set_day (record, "day", gen->today - 7 * (n - 1 - i));
      guild_record_set_int (record, "engagement", rating (gen, mean));
      guild_record_set_int (record, "connection-quality", rating (gen, mean - 0.2));
      guild_record_set_int (record, "knowledge-gained", rating (gen, mean + 0.3));
      guild_record_set_int (record, "knowledge-applied", rating (gen, mean - 0.5));
      guild_record_set_int (record, "satisfaction", rating (gen, mean));
      guild_record_set_int (record, "career-impact",
                            chance (gen, 0.1) ? 0 : rating (gen, mean - 0.8));
      if (chance (gen, 0.4))
        guild_record_set_text (record, "note", chance (gen, 0.5) ? PICK (gen, ru_checkin_notes)
                                                                 : PICK (gen, en_checkin_notes));
      else
        guild_record_set_text (record, "note", "");

      _guild_record_set_id (record, 0);
      _guild_record_set_times (record, 0, 0);
      if (!guild_store_add (gen->store, record, error))
        return FALSE;

      if (!step (gen, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_skills (Generator  *gen,
                 GError    **error)
{
  g_autoptr(GuildRecord) record = guild_record_new_for_kind (GUILD_RECORD_SKILL);

  for (guint i = 0; i < G_N_ELEMENTS (skills); i++)
    {
      guint level = CLAMP ((int) skills[i].level + between (gen, -1, 1), 1, 5);

      guild_record_set_text (record, "name", skills[i].name);
      guild_record_set_int (record, "level", level);
      guild_record_set_int (record, "target-level", MAX (level, skills[i].target));
      guild_record_set_text (record, "evidence", skills[i].evidence);

      _guild_record_set_id (record, 0);
      _guild_record_set_times (record, 0, 0);
      if (!guild_store_add (gen->store, record, error))
        return FALSE;

      gen->skill_ids[i] = guild_record_get_id (record);
      if (!step (gen, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_courses (Generator  *gen,
                  GError    **error)
{
  g_autoptr(GuildRecord) record = guild_record_new_for_kind (GUILD_RECORD_COURSE);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (courses); i++)
    {
      const char *status = courses[i].status;
      gint64 community_id = 0;
      gint64 skill_ids[G_N_ELEMENTS (courses[i].skills)];
      guint n_skills = 0;
      guint32 started = 0, finished = 0;

      for (guint c = 0; courses[i].community != NULL && c < gen->communities->len; c++)
        if (g_str_equal (g_array_index (gen->communities, CommunityInfo, c).name,
                         courses[i].community))
          {
            community_id = g_array_index (gen->communities, CommunityInfo, c).id;
            break;
          }

      for (guint s = 0; s < G_N_ELEMENTS (courses[i].skills) && courses[i].skills[s] != 0; s++)
        skill_ids[n_skills++] = gen->skill_ids[courses[i].skills[s] - 1];

      if (g_str_equal (status, "completed"))
        {
          started = gen->today - between (gen, 200, 600);
          finished = started + between (gen, 30, 150);
        }
      else if (g_str_equal (status, "in_progress"))
        started = gen->today - between (gen, 20, 120);
      else if (g_str_equal (status, "dropped"))
        started = gen->today - between (gen, 100, 400);

      guild_record_set_text (record, "title", courses[i].title);
      guild_record_set_text (record, "provider", courses[i].provider);
      guild_record_set_text (record, "url", courses[i].url);
      guild_record_set_text (record, "status", status);
      guild_record_set_int (record, "progress", courses[i].progress);
      if (started != 0)
        set_day (record, "started-on", started);
      else
        guild_record_set_text (record, "started-on", "");
      if (finished != 0)
        set_day (record, "finished-on", finished);
      else
        guild_record_set_text (record, "finished-on", "");
      if (finished != 0)
        {
          g_string_printf (text, "https://certificates.example.org/%08x",
                           (guint) g_rand_int (gen->rand));
          guild_record_set_text (record, "certificate-url", text->str);
        }
      else
        guild_record_set_text (record, "certificate-url", "");
      guild_record_set_int (record, "community-id", community_id);
      guild_record_set_ids (record, "skills", skill_ids, n_skills);

      _guild_record_set_id (record, 0);
      _guild_record_set_times (record, 0, 0);
      if (!guild_store_add (gen->store, record, error))
        return FALSE;

      if (!step (gen, error))
        return FALSE;
    }

  return TRUE;
}

/* Fills the profile and the goals, unless the user has filled them. */
static gboolean
generate_profile (Generator  *gen,
                  GError    **error)
{
  g_autoptr(GuildProfile) profile = NULL;
  g_autoptr(GuildGoals) goals = NULL;
  gboolean russian = chance (gen, 0.5);

  if (!(profile = guild_store_dup_profile (gen->store, error)) ||
      !(goals = guild_store_dup_goals (gen->store, error)))
    return FALSE;

  if (*guild_record_get_text (GUILD_RECORD (profile), "name") == '\0')
    {
      GuildRecord *record = GUILD_RECORD (profile);

      if (russian)
        {
          guild_record_set_text (record, "name", "Мария Кузнецова");
          guild_record_set_text (record, "target-field", "Продуктовая аналитика");
          guild_record_set_text (record, "current-role", "Учитель математики");
          guild_record_set_text (record, "experience",
                                 "Восемь лет в школе: статистика успеваемости, отчёты в Excel, "
                                 "кружок по программированию. Курс «Аналитик данных».");
          guild_record_set_text (record, "interests",
                                 "SQL, продуктовые метрики, EdTech, A/B-тесты");
          guild_record_set_text (record, "participation-goals",
                                 "Каждую неделю: один вопрос, один полезный ответ и одно новое "
                                 "знакомство. Раз в месяц — пост о своём проекте.");
          guild_record_set_text (record, "email", "maria.kuznetsova@yandex.ru");
          guild_record_set_text (record, "url",
                                 "https://www.linkedin.com/in/maria-kuznetsova-data");
        }
      else
        {
          guild_record_set_text (record, "name", "Alex Morgan");
          guild_record_set_text (record, "target-field", "Product design");
          guild_record_set_text (record, "current-role", "Operations manager in logistics");
          guild_record_set_text (record, "experience",
                                 "Nine years running warehouse operations: process mapping, "
                                 "supplier workshops, dashboards. Google UX Design certificate.");
          guild_record_set_text (record, "interests", "UX research, design systems, accessibility");
          guild_record_set_text (record, "participation-goals",
                                 "Post one case study a month, give feedback twice a week and "
                                 "meet two designers a week.");
          guild_record_set_text (record, "email", "alex.morgan@proton.me");
          guild_record_set_text (record, "url", "https://www.linkedin.com/in/alex-morgan-ux");
        }

      if (!guild_store_save_singleton (gen->store, record, error))
        return FALSE;
    }

  if (guild_record_get_int (GUILD_RECORD (goals), "sessions-per-week") == 0 &&
      guild_record_get_int (GUILD_RECORD (goals), "minutes-per-week") == 0)
    {
      GuildRecord *record = GUILD_RECORD (goals);

      guild_record_set_int (record, "sessions-per-week", between (gen, 4, 7));
      guild_record_set_int (record, "minutes-per-week", between (gen, 4, 8) * 60);
      guild_record_set_int (record, "connections-per-month", between (gen, 4, 10));
      guild_record_set_int (record, "publications-per-month", between (gen, 1, 3));
      guild_record_set_int (record, "events-per-month", between (gen, 2, 4));
      if (!guild_store_save_singleton (gen->store, record, error))
        return FALSE;
    }

  return step (gen, error);
}

/* Section: public API */

/**
 * guild_generate_options_init:
 * @options: (out caller-allocates): the options to fill
 *
 * Sets @options to what `guildctl generate` makes by default: seed 1, 40
 * communities, 600 contacts, 200 events, 5000 activities, 104 weekly
 * check-ins, and the local today as the reference day.
 */
void
guild_generate_options_init (GuildGenerateOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->seed = GUILD_GENERATE_DEFAULT_SEED;
  options->communities = GUILD_GENERATE_DEFAULT_COMMUNITIES;
  options->contacts = GUILD_GENERATE_DEFAULT_CONTACTS;
  options->events = GUILD_GENERATE_DEFAULT_EVENTS;
  options->activities = GUILD_GENERATE_DEFAULT_ACTIVITIES;
  options->checkins = GUILD_GENERATE_DEFAULT_CHECKINS;
}

static Generator *
generator_new (GuildStore                 *store,
               const GuildGenerateOptions *options)
{
  Generator *gen = g_new0 (Generator, 1);
  GDate date;

  gen->store = store;
  gen->seed = options->seed;
  gen->rand = g_rand_new_with_seed (options->seed);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1970);
  gen->epoch = g_date_get_julian (&date);

  if (options->today != NULL && g_date_valid (options->today))
    gen->today = g_date_get_julian (options->today);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      gen->today = g_date_get_julian (&date);
    }

  gen->zones = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify) g_time_zone_unref);
  gen->communities = g_array_new (FALSE, FALSE, sizeof (CommunityInfo));
  weighted_set_init (&gen->ru_members);
  weighted_set_init (&gen->en_members);
  weighted_set_init (&gen->engaged);
  gen->members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gen->events = g_array_new (FALSE, FALSE, sizeof (EventInfo));
  gen->event_records = g_ptr_array_new_with_free_func (g_object_unref);
  gen->attended = g_array_new (FALSE, FALSE, sizeof (guint));
  gen->contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  gen->used_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gen->used_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gen->buf = g_string_new (NULL);
  gen->percent = -1;

  return gen;
}

static gboolean
generate_all (Generator                   *gen,
              const GuildGenerateOptions  *options,
              GError                     **error)
{
  return generate_communities (gen, options->communities, error) &&
         generate_events (gen, options->events, error) &&
         generate_contacts (gen, options->contacts, error) &&
         update_attendees (gen, error) &&
         generate_skills (gen, error) &&
         generate_courses (gen, error) &&
         generate_activities (gen, options->activities, error) &&
         generate_checkins (gen, options->checkins, error) &&
         generate_profile (gen, error) &&
         !g_cancellable_set_error_if_cancelled (gen->cancellable, error);
}

/**
 * guild_generate:
 * @store: the store to fill
 * @options: what to make
 * @progress: (nullable) (scope call): told about once per percent
 * @user_data: data for @progress
 * @cancellable: (nullable): stops the work; nothing is then written
 * @error: the store's error, or %G_IO_ERROR_CANCELLED
 *
 * Fills @store with realistic sample data in English and Russian:
 * communities on every platform, contacts with their memberships, events
 * (past, upcoming and recurring) with attendees, a participation log,
 * weekly check-ins, skills, courses, and a profile and goals when those are
 * empty. The same seed and reference day give the same records.
 *
 * Besides the counted records it adds twelve skills and eight courses, and
 * fills the profile and the goals unless they are already filled. Event
 * UIDs come from the seed, so generating twice with one seed into the same
 * store fails on the second run (and writes nothing).
 *
 * Everything is written in one bulk transaction (guild_store_begin_bulk()):
 * on failure or cancellation nothing is left behind. @store must not be
 * inside a transaction.
 *
 * Returns: %TRUE when everything was written.
 */
gboolean
guild_generate (GuildStore                  *store,
                const GuildGenerateOptions  *options,
                GuildGenerateProgress        progress,
                gpointer                     user_data,
                GCancellable                *cancellable,
                GError                     **error)
{
  g_autoptr(Generator) gen = NULL;

  g_return_val_if_fail (GUILD_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint k = 0; k < G_N_ELEMENTS (activity_kinds); k++)
    g_assert (guild_vocab_contains (GUILD_VOCAB_ACTIVITY_KIND, activity_kinds[k].kind));
  g_assert (g_str_equal (activity_kinds[ATTEND_EVENT_KIND].kind, "attend_event"));

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  gen = generator_new (store, options);
  gen->progress = progress;
  gen->user_data = user_data;
  gen->cancellable = cancellable;
  gen->total = (guint64) options->communities + 2 * (guint64) options->events +
               options->contacts + options->activities + options->checkins +
               G_N_ELEMENTS (skills) + G_N_ELEMENTS (courses) + 1;

  /* A bulk transaction: see guild_store_begin_bulk() for what it changes. */
  if (!guild_store_begin_bulk (store, error))
    return FALSE;

  if (!generate_all (gen, options, error))
    {
      guild_store_rollback (store);
      return FALSE;
    }

  return guild_store_commit (store, error);
}
